// The `negotiation:` section: the issue dimensions and scale, the delegations' positions,
// salience and influence, and the negotiation model's parameters.
#include "models/loader/sections/sections.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <map>
#include <utility>

#include <fmt/core.h>

#include "models/loader/loader.hpp"

namespace gcmsim::loader::sections {

void build_negotiation(BuildContext& ctx, const json& root) {
  auto& s = ctx.scenario;
  const json* neg = child(root, "negotiation");
  if (neg == nullptr || !neg->is_object()) return;
  model::NegotiationSpec spec;
  if (const json* scale = child(*neg, "scale")) {
    spec.scale_min = number<double>(*scale, "min").value_or(0.0);
    spec.scale_max = number<double>(*scale, "max").value_or(1.0);
    if (!(spec.scale_max > spec.scale_min) && !ctx.refused_under("/negotiation/scale")) {
      ctx.error("/negotiation/scale/max", fmt::format("negotiation scale: max {} must be above min {}", spec.scale_max, spec.scale_min));
    }
  }
  if (const json* dims = child(*neg, "dimensions"); dims != nullptr && dims->is_array()) {
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < dims->size(); ++i) {
      model::NegotiationDimension d;
      d.id = text((*dims)[i], "id");
      d.name = text((*dims)[i], "name");
      if (const json* els = child((*dims)[i], "elements"); els != nullptr && els->is_array()) {
        for (const json& e : *els) {
          if (e.is_string()) d.elements.push_back(e);
        }
      }
      ctx.duplicate(seen, d.id, i, pointer_append(pointer_append("/negotiation/dimensions", i), "id"), "dimension id", "/negotiation/dimensions");
      if (std::find(kPositionsKeyColumns.begin(), kPositionsKeyColumns.end(), d.id) != kPositionsKeyColumns.end()) {
        ctx.error(pointer_append(pointer_append("/negotiation/dimensions", i), "id"),
                  fmt::format("dimension id '{}' is taken: positions.csv has a column per dimension beside its key "
                              "columns round, day, time and iso3; choose another id", d.id));
      }
      spec.dimensions.push_back(std::move(d));
    }
  }
  const std::size_t n_dims = spec.dimensions.size();
  if (const json* dels = child(*neg, "delegations"); dels != nullptr && dels->is_object()) {
    for (const auto& [iso3, d] : dels->items()) {
      const std::string p = pointer_append("/negotiation/delegations", std::string_view(iso3));
      const auto state = s.find_state(iso3);
      if (!state) {
        ctx.key_error(p, fmt::format("delegation '{}' is not a member state in this scenario{}", iso3,
                                                          ctx.hint(iso3, ctx.state_codes())), 3);
        continue;
      }
      model::DelegationSpec spec_d;
      spec_d.state = *state;
      spec_d.position = numbers(d, "position");
      spec_d.salience = numbers(d, "salience");
      spec_d.susceptibility = number<double>(d, "susceptibility").value_or(0.5);
      spec_d.reservation = number<double>(d, "reservation");
      const bool position_refused = ctx.refused_under(pointer_append(p, "position")) || ctx.refused_under("/negotiation/scale");
      if (spec_d.position.size() != n_dims && n_dims > 0 && !position_refused) {
        ctx.error(pointer_append(p, "position"), fmt::format("delegation '{}': {} position values for {} dimensions", iso3, spec_d.position.size(), n_dims));
      }
      for (double x : spec_d.position) {
        if ((x < spec.scale_min || x > spec.scale_max) && !position_refused) {
          ctx.error(pointer_append(p, "position"), fmt::format("delegation '{}': position {} is outside the scale [{}, {}]", iso3, x, spec.scale_min, spec.scale_max));
          break;
        }
      }
      if (!spec_d.salience.empty() && spec_d.salience.size() != n_dims && !ctx.refused_under(pointer_append(p, "salience"))) {
        ctx.error(pointer_append(p, "salience"), fmt::format("delegation '{}': {} salience values for {} dimensions", iso3, spec_d.salience.size(), n_dims));
      }
      double sum = 0.0;
      if (const json* inf = child(d, "influence"); inf != nullptr && inf->is_object()) {
        for (const auto& [target, w] : inf->items()) {
          const auto t = s.find_state(target);
          if (!t || !dels->contains(target)) {
            ctx.key_error(pointer_append(pointer_append(p, "influence"), std::string_view(target)),
                        fmt::format("delegation '{}': influence toward '{}', which is not a delegation", iso3, target), 3);
            continue;
          }
          if (w.is_number()) {
            spec_d.influence.emplace_back(*t, w.get<double>());
            sum += w.get<double>();
          }
        }
        if (std::abs(sum - 1.0) > 1e-9 && !ctx.refused_under(pointer_append(p, "influence"))) {
          ctx.error(pointer_append(p, "influence"), fmt::format("delegation '{}': influence weights sum to {}; expected 1", iso3, sum));
        }
      }
      spec.delegations.push_back(std::move(spec_d));
    }
  }
  if (const json* params = child(*neg, "parameters")) {
    for (const ParameterField& p : negotiation_parameter_fields(spec.parameters)) read_parameter(*params, p);
  }
  s.negotiation = std::move(spec);
}

}  // namespace gcmsim::loader::sections
