#pragma once
// Opinion dynamics of Friedkin and Johnsen (1999, "Social influence networks and opinion change",
// Advances in Group Processes 16): each step a state moves toward the views of those it listens to
// while staying anchored to its initial view,
//   x(k+1) = Λ W x(k) + (I − Λ) x(0),   Λ = diag(susceptibility),
// with x an n × d matrix (states × issue dimensions, positions on the 0–1 scale) and W a
// row-stochastic influence matrix. Susceptibility 0 is a stubborn delegation; 1 everywhere is
// DeGroot's model (no anchor).
#include <Eigen/Core>

#include "models/negotiation/influence.hpp"

namespace gcmsim::model {

// One influence step. Throws std::invalid_argument if the sizes disagree or a susceptibility is
// outside [0, 1].
Eigen::MatrixXd fj_step(const Influence& W, const Eigen::VectorXd& susceptibility, const Eigen::MatrixXd& x,
                        const Eigen::MatrixXd& x0);

// The limit of fj_step: x* = (I − ΛW)^{-1} (I − Λ) x(0), by a sparse LU factorisation.
// I − ΛW is invertible exactly when every state is anchored: it, or someone it listens to directly
// or through others, has susceptibility below 1. Otherwise (DeGroot, Λ = I, is the common case)
// there is no unique equilibrium and this throws std::runtime_error naming an unanchored state;
// susceptibility within 1e-9 of 1 counts as unanchored, since the system would be too
// ill-conditioned to solve. Throws std::invalid_argument as fj_step does.
Eigen::MatrixXd fj_equilibrium(const Influence& W, const Eigen::VectorXd& susceptibility, const Eigen::MatrixXd& x0);

// The stationary distribution π of a row-stochastic W (π W = π, entries sum to 1): each state's
// share in a DeGroot consensus, since π x(k) is invariant under x(k+1) = W x(k).
// Power iteration on the transpose of the lazy matrix (I + W) / 2, which has the same stationary
// distributions as W but is aperiodic whatever W is: from the uniform start it converges
// geometrically (at the rate of its second-largest eigenvalue modulus) for every irreducible W,
// periodic ones included. For a reducible W the result is the stationary distribution reached from
// the uniform start (mass only on closed classes), not the only one. Stops when an iterate moves
// by less than 1e-12 in L1 (rounding alone moves a 193-state π by ~1e-14); throws
// std::runtime_error after 100,000 iterations, std::invalid_argument if W is not square.
Eigen::RowVectorXd left_eigenvector(const Influence& W);

}  // namespace gcmsim::model
