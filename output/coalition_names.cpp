#include "output/coalition_names.hpp"

#include <array>
#include <string_view>
#include <utility>

namespace gcmsim::output {

std::string coalition_name(const std::string& id) {
  // The coalitions of scenarios/data/member_states.yaml, named as the UN records name them.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kNames{{
      {"g77", "the Group of 77 and China"},
      {"african_group", "the African Group"},
      {"eu", "the European Union"},
      {"celac", "CELAC"},
      {"caricom", "CARICOM"},
      {"oic", "the Organisation of Islamic Cooperation"},
      {"aosis", "the Alliance of Small Island States"},
      {"lldc", "the landlocked developing countries"},
      {"arab_group", "the Arab Group"},
      {"pacific_islands_forum", "the Pacific Islands Forum"},
      {"visegrad", "the Visegrad Group"},
      {"asean", "ASEAN"},
      {"sica", "SICA"},
      {"gcc", "the Gulf Cooperation Council"},
      {"mercosur", "MERCOSUR"},
      {"ldc", "the least developed countries"},
  }};
  for (const auto& [key, name] : kNames) {
    if (key == id) return std::string(name);
  }
  return id;
}

}  // namespace gcmsim::output
