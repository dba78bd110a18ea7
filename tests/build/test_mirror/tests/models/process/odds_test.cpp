// The test of models/setup/odds.hpp, left behind in process/ when its source moved: the mirror
// check must refuse it (tests/build/CMakeLists.txt).
