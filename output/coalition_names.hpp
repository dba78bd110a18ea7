#pragma once
// How a coalition of the member-state data is named in sentences. The data identify coalitions by
// short ids (`g77`, `eu`); a narrated run says "the Group of 77 and China". Ids the table does not
// know (a scenario's own coalitions) are printed as written.
#include <string>

namespace gcmsim::output {

std::string coalition_name(const std::string& id);

}  // namespace gcmsim::output
