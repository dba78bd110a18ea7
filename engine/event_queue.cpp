#include "engine/event_queue.hpp"
