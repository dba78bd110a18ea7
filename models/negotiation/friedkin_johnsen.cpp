#include "models/negotiation/friedkin_johnsen.hpp"

#include <deque>
#include <stdexcept>
#include <string>

#include <Eigen/SparseLU>

namespace gcmsim::model {
namespace {

std::string size_of(const Eigen::MatrixXd& m) { return std::to_string(m.rows()) + "x" + std::to_string(m.cols()); }

void check(const char* what, const Influence& W, const Eigen::VectorXd& susceptibility, const Eigen::MatrixXd& x0,
           const Eigen::MatrixXd* x = nullptr) {
  const Eigen::Index n = W.rows();
  const bool x_fits = !x || (x->rows() == n && x->cols() == x0.cols());
  if (W.cols() != n || susceptibility.size() != n || x0.rows() != n || !x_fits)
    throw std::invalid_argument(std::string(what) + ": sizes disagree (W " + std::to_string(n) + "x" +
                                std::to_string(W.cols()) + ", susceptibility " + std::to_string(susceptibility.size()) +
                                ", x0 " + size_of(x0) + (x ? ", x " + size_of(*x) : std::string()) + ")");
  for (Eigen::Index i = 0; i < n; ++i)
    if (!(susceptibility[i] >= 0.0 && susceptibility[i] <= 1.0))
      throw std::invalid_argument(std::string(what) + ": susceptibility of state " + std::to_string(i) + " is " +
                                  std::to_string(susceptibility[i]) + ", outside [0, 1]");
}

// A state is anchored if ΛW loses weight on its row (it keeps some of its initial view) or it
// listens to an anchored state. ΛW is substochastic, and its spectral radius is below 1, i.e.
// I − ΛW is invertible, exactly when every state is anchored; searching backwards from the
// leaking rows finds them in O(nonzeros) and names the culprit, which a pivot test could not.
void require_anchored(const Influence& W, const Eigen::VectorXd& susceptibility) {
  constexpr double leak = 1e-9;
  const Eigen::Index n = W.rows();
  std::vector<std::vector<Eigen::Index>> listeners(static_cast<std::size_t>(n));
  std::vector<bool> anchored(static_cast<std::size_t>(n), false);
  std::deque<Eigen::Index> frontier;
  for (Eigen::Index i = 0; i < n; ++i) {
    double kept = 0.0;
    for (Influence::InnerIterator it(W, i); it; ++it) {
      kept += it.value();
      if (it.col() != i && it.value() != 0.0) listeners[static_cast<std::size_t>(it.col())].push_back(i);
    }
    if (susceptibility[i] * kept < 1.0 - leak) {
      anchored[static_cast<std::size_t>(i)] = true;
      frontier.push_back(i);
    }
  }
  while (!frontier.empty()) {
    const Eigen::Index j = frontier.front();
    frontier.pop_front();
    for (Eigen::Index i : listeners[static_cast<std::size_t>(j)]) {
      // A state with susceptibility 0 leaks its whole row and is already anchored, so every
      // listener reached here really weighs j's view.
      if (!anchored[static_cast<std::size_t>(i)]) {
        anchored[static_cast<std::size_t>(i)] = true;
        frontier.push_back(i);
      }
    }
  }
  for (Eigen::Index i = 0; i < n; ++i)
    if (!anchored[static_cast<std::size_t>(i)])
      throw std::runtime_error("fj_equilibrium: state " + std::to_string(i) +
                               " is not anchored: neither it nor anyone it listens to, directly or through others, "
                               "keeps weight on an initial view (susceptibility 1), so I - ΛW is singular and "
                               "there is no unique equilibrium");
}

}  // namespace

Eigen::MatrixXd fj_step(const Influence& W, const Eigen::VectorXd& susceptibility, const Eigen::MatrixXd& x,
                        const Eigen::MatrixXd& x0) {
  check("fj_step", W, susceptibility, x0, &x);
  Eigen::MatrixXd next = susceptibility.asDiagonal() * (W * x);
  // (1 − λ_i) is exactly 1 for a stubborn delegation, so its position is x0 bit for bit.
  next.noalias() += (1.0 - susceptibility.array()).matrix().asDiagonal() * x0;
  return next;
}

Eigen::MatrixXd fj_equilibrium(const Influence& W, const Eigen::VectorXd& susceptibility, const Eigen::MatrixXd& x0) {
  check("fj_equilibrium", W, susceptibility, x0);
  require_anchored(W, susceptibility);
  const Eigen::Index n = W.rows();
  Influence identity(n, n);
  identity.setIdentity();
  const Influence system_rows = identity - Influence(susceptibility.asDiagonal() * W);
  const Eigen::SparseMatrix<double> system = system_rows;  // SparseLU wants column-major storage
  Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
  lu.compute(system);
  if (lu.info() != Eigen::Success)
    throw std::runtime_error("fj_equilibrium: I - ΛW could not be factorised: " + lu.lastErrorMessage());
  const Eigen::MatrixXd anchor = (1.0 - susceptibility.array()).matrix().asDiagonal() * x0;
  Eigen::MatrixXd equilibrium = lu.solve(anchor);
  if (lu.info() != Eigen::Success || !equilibrium.allFinite())
    throw std::runtime_error("fj_equilibrium: solving (I - ΛW) x = (I - Λ) x0 failed");
  return equilibrium;
}

Eigen::RowVectorXd left_eigenvector(const Influence& W) {
  if (W.rows() != W.cols())
    throw std::invalid_argument("left_eigenvector: W is " + std::to_string(W.rows()) + "x" +
                                std::to_string(W.cols()) + ", not square");
  const Eigen::Index n = W.rows();
  if (n == 0) return {};
  constexpr double tolerance = 1e-12;
  constexpr int max_iterations = 100'000;
  Eigen::RowVectorXd pi = Eigen::RowVectorXd::Constant(n, 1.0 / static_cast<double>(n));
  for (int k = 0; k < max_iterations; ++k) {
    Eigen::RowVectorXd next = 0.5 * (pi + pi * W);
    next /= next.sum();  // no drift of the total over many steps
    const double moved = (next - pi).lpNorm<1>();
    pi.swap(next);
    if (moved < tolerance) return pi;
  }
  throw std::runtime_error("left_eigenvector: power iteration did not converge in 100000 steps (W mixes too slowly)");
}

}  // namespace gcmsim::model
