#pragma once
// A source in models/setup/ whose test (tests/models/process/odds_test.cpp) is in the wrong folder.
