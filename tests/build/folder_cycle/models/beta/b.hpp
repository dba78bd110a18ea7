#pragma once
// ... and beta/ needs alpha/: a folder cycle.
#include "models/alpha/a.hpp"
