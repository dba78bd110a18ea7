#include "models/negotiation/draft.hpp"

#include <stdexcept>
#include <string>

namespace gcmsim::model {
namespace {

void check(const char* what, const Eigen::MatrixXd& x, const Eigen::MatrixXd& s, const Eigen::VectorXd* weight,
           const Eigen::RowVectorXd* draft) {
  const bool ok = s.rows() == x.rows() && s.cols() == x.cols() && (!weight || weight->size() == x.rows()) &&
                  (!draft || draft->size() == x.cols());
  if (!ok)
    throw std::invalid_argument(std::string(what) + ": sizes disagree (x " + std::to_string(x.rows()) + "x" +
                                std::to_string(x.cols()) + ", s " + std::to_string(s.rows()) + "x" +
                                std::to_string(s.cols()) +
                                (weight ? ", weight " + std::to_string(weight->size()) : std::string()) +
                                (draft ? ", draft " + std::to_string(draft->size()) : std::string()) + ")");
}

}  // namespace

Eigen::RowVectorXd compromise(const Eigen::MatrixXd& x, const Eigen::MatrixXd& s, const Eigen::VectorXd& weight) {
  check("compromise", x, s, &weight, nullptr);
  const Eigen::MatrixXd heed = weight.asDiagonal() * s;
  const Eigen::RowVectorXd total = heed.colwise().sum();
  const Eigen::RowVectorXd pulled = heed.cwiseProduct(x).colwise().sum();
  Eigen::RowVectorXd draft(x.cols());
  for (Eigen::Index d = 0; d < x.cols(); ++d) draft[d] = total[d] > 0.0 ? pulled[d] / total[d] : 0.5;
  return draft;
}

Eigen::RowVectorXd dissent(const Eigen::MatrixXd& x, const Eigen::MatrixXd& s, const Eigen::VectorXd& weight,
                           const Eigen::RowVectorXd& draft) {
  check("dissent", x, s, &weight, &draft);
  const Eigen::MatrixXd heed = weight.asDiagonal() * s;
  const Eigen::RowVectorXd total = heed.colwise().sum();
  const Eigen::RowVectorXd apart = heed.cwiseProduct((x.rowwise() - draft).cwiseAbs()).colwise().sum();
  Eigen::RowVectorXd result(x.cols());
  for (Eigen::Index d = 0; d < x.cols(); ++d) result[d] = total[d] > 0.0 ? apart[d] / total[d] : 0.0;
  return result;
}

Eigen::VectorXd acceptance(const Eigen::MatrixXd& x, const Eigen::MatrixXd& s, const Eigen::RowVectorXd& draft) {
  check("acceptance", x, s, nullptr, &draft);
  const Eigen::VectorXd total = s.rowwise().sum();
  const Eigen::VectorXd apart = s.cwiseProduct((x.rowwise() - draft).cwiseAbs()).rowwise().sum();
  Eigen::VectorXd result(x.rows());
  for (Eigen::Index i = 0; i < x.rows(); ++i) result[i] = total[i] > 0.0 ? 1.0 - apart[i] / total[i] : 1.0;
  return result;
}

Vote conference_vote(double acceptance, double adopt_threshold, double reservation) {
  if (acceptance >= adopt_threshold) return Vote::adopt;
  if (acceptance < reservation) return Vote::object;
  return Vote::abstain;
}

}  // namespace gcmsim::model
