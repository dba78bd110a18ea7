#pragma once
// A layer's top-level file reaching into its sub-folder, which reaches back (serve/ and
// serve/classroom/ did, before serve/common/).
#include "serve/room/room.hpp"
