#include "models/process/stakeholders.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace gcmsim::model {
namespace {

// Binomial(n, p) as a sum of Bernoulli draws: exact, and cheap for populations of hundreds.
int binomial(int n, double p, RandomStream& stream) {
  int successes = 0;
  for (int i = 0; i < n; ++i) {
    const bool hit = stream.bernoulli(p);
    if (hit) ++successes;
  }
  return successes;
}

// Largest-remainder (Hamilton) apportionment of `seats` in proportion to `claims`, whose total
// exceeds `seats`. Integer arithmetic, so the shares are exact: each population first gets
// floor(seats * claim / total); the seats left go one each to the largest remainders, ties to the
// larger claim, then to the earlier population. No population gets more than it claims, since
// seats < total makes every quota smaller than its claim.
std::vector<int> largest_remainder(const std::vector<int>& claims, int seats) {
  std::int64_t total = 0;
  for (const int c : claims) total += c;
  std::vector<int> shares(claims.size(), 0);
  std::vector<std::int64_t> remainders(claims.size(), 0);
  int given = 0;
  for (std::size_t i = 0; i < claims.size(); ++i) {
    const std::int64_t product = static_cast<std::int64_t>(seats) * claims[i];
    shares[i] = static_cast<int>(product / total);
    remainders[i] = product % total;
    given += shares[i];
  }
  std::vector<std::size_t> order(claims.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (remainders[a] != remainders[b]) return remainders[a] > remainders[b];
    return claims[a] > claims[b];
  });
  for (std::size_t k = 0; given < seats && k < order.size(); ++k, ++given) ++shares[order[k]];
  return shares;
}

}  // namespace

AccreditationList accredit(const std::vector<StakeholderPopulation>& populations, RandomStream& stream) {
  AccreditationList list;
  list.accepted.reserve(populations.size());
  for (const StakeholderPopulation& p : populations) {
    const int organisations = std::max(0, p.organisations);
    // OP6(a), guidelines 2(a): ECOSOC status is enough; NHRIs register directly (guidelines 2(d)).
    // The others are on the PGA's list (OP6(b), guidelines 2(b)), circulated on a non-objection
    // basis: one member state's objection keeps an organisation out.
    const int objected = p.needs_accreditation ? binomial(organisations, p.objection_rate, stream) : 0;
    list.accepted.push_back(organisations - objected);
  }
  return list;
}

std::vector<StakeholdersAtMeeting> stakeholders_at_meeting(const std::vector<StakeholderPopulation>& populations,
                                                           const AccreditationList& list, std::optional<int> capacity,
                                                           int speaker_slots, RandomStream& stream) {
  if (list.accepted.size() != populations.size()) {
    throw std::invalid_argument("the accreditation list has " + std::to_string(list.accepted.size()) +
                                " populations, the meeting " + std::to_string(populations.size()));
  }
  std::vector<StakeholdersAtMeeting> at(populations.size());

  // Registration is per meeting (guidelines 3 and 4). Each organisation registers on its own draw;
  // the accepted ones are numbered first, so an organisation is accredited when it registered and
  // its number is below the accepted count: exactly "registered and on the list", with the chance
  // accepted/organisations that the header states.
  for (std::size_t i = 0; i < populations.size(); ++i) {
    const int organisations = std::max(0, populations[i].organisations);
    // Populations that need no accreditation are all on the list whatever the list says.
    const int accepted =
        populations[i].needs_accreditation ? std::clamp(list.accepted[i], 0, organisations) : organisations;
    for (int org = 0; org < organisations; ++org) {
      const bool registers = stream.bernoulli(populations[i].registration_rate);
      if (!registers) continue;
      ++at[i].registered;
      if (org < accepted) ++at[i].accredited;
    }
  }

  int accredited_total = 0;
  for (const StakeholdersAtMeeting& s : at) accredited_total += s.accredited;
  if (capacity && accredited_total > std::max(0, *capacity)) {
    std::vector<int> claims;
    for (const StakeholdersAtMeeting& s : at) claims.push_back(s.accredited);
    const std::vector<int> seats = largest_remainder(claims, std::max(0, *capacity));
    for (std::size_t i = 0; i < at.size(); ++i) at[i].admitted = seats[i];
  } else {
    for (StakeholdersAtMeeting& s : at) s.admitted = s.accredited;
  }

  // Who asks to speak is drawn after admission, for every population in order, so the stream
  // advances the same way whatever the number of slots.
  std::vector<int> willing(populations.size(), 0);
  for (std::size_t i = 0; i < populations.size(); ++i) {
    willing[i] = binomial(at[i].admitted, populations[i].speaking_interest, stream);
  }
  // The steering committee goes round the kinds in the scenario's order, one speaker per kind per
  // round, so no kind speaks twice while another with willing speakers has not spoken.
  int slots = std::max(0, speaker_slots);
  bool gave = true;
  while (slots > 0 && gave) {
    gave = false;
    for (std::size_t i = 0; i < at.size() && slots > 0; ++i) {
      if (at[i].speaking >= willing[i]) continue;
      ++at[i].speaking;
      --slots;
      gave = true;
    }
  }
  return at;
}

}  // namespace gcmsim::model
