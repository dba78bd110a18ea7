#include "models/setup/floor_request.hpp"

#include <algorithm>

namespace gcmsim::model {

double floor_request_probability(const MemberState& state, double salience, const ModelParameters& params,
                                 bool language_offered) {
  const FloorParameters& fp = params.floor;
  const double engagement_default = params.attendance.engagement_default;
  const double engagement = state.engagement.value_or(engagement_default);
  const double p = std::clamp(fp.request_rate * (fp.salience_offset + salience) * engagement / engagement_default, 0.0,
                              fp.max_request_probability);
  return language_offered ? p : p * fp.no_interpretation_factor;
}

}  // namespace gcmsim::model
