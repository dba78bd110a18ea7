#pragma once
#include "serve/server.hpp"
