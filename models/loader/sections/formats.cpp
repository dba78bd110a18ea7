// The `formats:` section: each meeting format's intervention rules and agenda.
#include "models/loader/sections/sections.hpp"

#include <fmt/core.h>

namespace gcmsim::loader::sections {

void build_formats(BuildContext& ctx, const json& root) {
  auto& s = ctx.scenario;
  const json* fs = child(root, "formats");
  if (fs == nullptr || !fs->is_object()) return;
  for (const auto& [id, f] : fs->items()) {
    model::MeetingFormat format;
    format.id = id;
    format.description = text(f, "description");
    format.intervention_limit_minutes = number<double>(f, "intervention_limit_minutes").value_or(3.0);
    format.pre_inscribed_list = flag(f, "pre_inscribed_list").value_or(false);
    format.group_statement_minutes = number<double>(f, "group_statement_minutes").value_or(0.0);
    if (const json* agenda = child(f, "agenda"); agenda != nullptr && agenda->is_array()) {
      for (std::size_t i = 0; i < agenda->size(); ++i) {
        const json& a = (*agenda)[i];
        model::AgendaItem item;
        if (auto k = enum_from<model::AgendaItemKind>(text(a, "item"), model::kAgendaItemNames)) item.kind = *k;
        item.title = text(a, "title");
        item.day = number<int>(a, "day").value_or(1);
        item.minutes = number<double>(a, "minutes").value_or(0);
        item.moderator_minutes = number<double>(a, "moderator_minutes").value_or(0);
        item.experts = number<int>(a, "experts").value_or(0);
        if (const json* em = child(a, "expert_minutes")) {
          item.expert_minutes_min = number<double>(*em, "min").value_or(0);
          item.expert_minutes_max = number<double>(*em, "max").value_or(0);
          const std::string em_at = pointer_append(pointer_append(pointer_append(pointer_append("/formats", std::string_view(id)), "agenda"), i), "expert_minutes");
          if (item.expert_minutes_min > item.expert_minutes_max && !ctx.refused_under(em_at)) {
            ctx.error(em_at,
                  fmt::format("format '{}': expert_minutes min {} is above max {}", id, item.expert_minutes_min, item.expert_minutes_max));
          }
        }
        item.floor = flag(a, "floor").value_or(false);
        item.stakeholder_slots = number<int>(a, "stakeholder_slots").value_or(0);
        format.agenda.push_back(item);
      }
    }
    s.formats.emplace(id, std::move(format));
  }
}

}  // namespace gcmsim::loader::sections
