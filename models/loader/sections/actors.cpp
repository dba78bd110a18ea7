// The `actors:` section: the co-facilitators, the Secretary-General of the Conference (OP10) and the
// stakeholder populations.
#include "models/loader/sections/sections.hpp"


namespace gcmsim::loader::sections {

void build_actors(BuildContext& ctx, const json& root) {
  auto& s = ctx.scenario;
  const json* a = child(root, "actors");
  if (a == nullptr) return;
  if (const json* cf = child(*a, "co_facilitators"); cf != nullptr && cf->is_array()) {
    for (std::size_t i = 0; i < cf->size(); ++i) {
      const std::string iso3 = text((*cf)[i], "state");
      if (ctx.known_state(iso3, pointer_append(pointer_append("/actors/co_facilitators", i), "state"), "co-facilitator")) {
        s.co_facilitators.push_back(iso3);
      }
    }
  }
  if (const json* sec = child(*a, "secretariat"); sec != nullptr) {
    if (const json* sg = child(*sec, "conference_secretary_general"); sg != nullptr && sg->is_object()) {
      if (auto appointed = ctx.date(*sg, "appointed", "/actors/secretariat/conference_secretary_general")) {
        s.conference_secretary_general = model::ConferenceSecretaryGeneral{text(*sg, "person"), *appointed};
      }
    }
  }
  if (const json* st = child(*a, "stakeholders"); st != nullptr && st->is_array()) {
    for (const json& pop : *st) {
      model::StakeholderPopulation p;
      if (auto k = enum_from<model::StakeholderKind>(text(pop, "kind"), model::kStakeholderKindNames)) p.kind = *k;
      p.organisations = number<int>(pop, "organisations").value_or(0);
      p.needs_accreditation = flag(pop, "needs_accreditation").value_or(false);
      p.objection_rate = number<double>(pop, "objection_rate").value_or(0.0);
      p.registration_rate = number<double>(pop, "registration_rate").value_or(p.registration_rate);
      p.speaking_interest = number<double>(pop, "speaking_interest").value_or(p.speaking_interest);
      s.stakeholders.push_back(p);
    }
  }
}

}  // namespace gcmsim::loader::sections
