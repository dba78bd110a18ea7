// The hot paths are templates in the header; instantiating the default here once checks the whole
// class and saves every including file from compiling its non-inline members again.
#include "engine/ladder_queue.hpp"
#include "engine/simulator.hpp"

namespace gcmsim {
template class BasicSimulator<DaryHeap<4>>;
template class BasicSimulator<BinaryHeap>;
template class BasicSimulator<LadderQueue>;
}  // namespace gcmsim
