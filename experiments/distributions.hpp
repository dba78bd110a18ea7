#pragma once
// The inverse CDFs through which a sampled design (latin_hypercube, sobol) turns its uniform draws
// into a parameter's values (Boost.Math's normal and triangular distributions): equal strata of u
// become strata of equal probability.
#include "experiments/sweep_spec.hpp"

namespace gcmsim::experiments {

// The probability the normal gives to its truncation [min, max] (1 when it is not truncated); 0 when
// the bounds lie so far in a tail that a double cannot tell it from nothing.
double truncated_mass(const Distribution& d);

// The value with cumulative probability u (within the truncation, for a truncated normal), for u in
// [0, 1]. u of exactly 0 or 1 (a Sobol point on the cube's face) gives the bound when there is one,
// else the quantile of the smallest or largest probability a double holds (about ±8.3 sd).
double quantile(const Distribution& d, double u);

}  // namespace gcmsim::experiments
