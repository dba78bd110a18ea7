#include "serve/classroom/routes.hpp"

#include <cctype>

#include <fmt/core.h>

#include "serve/common/jobs.hpp"
#include "serve/common/json_fields.hpp"
// Last: httplib.h (through it) includes <resolv.h>, whose `_res` macro breaks Eigen.
#include "serve/common/http_answers.hpp"

namespace gcmsim::serve::classroom {
namespace {

using nlohmann::json;

json parse_object(const httplib::Request& req) {
  json body = json::parse(req.body);  // malformed JSON: the server's handler answers 400
  if (!body.is_object()) throw Refusal(400, "the request body must be a JSON object");
  return body;
}

void require_teacher(const httplib::Request& req, const Classroom& classroom) {
  if (!req.has_header("X-Gcmsim-Teacher")) throw Refusal(401, "this needs the teacher's token (X-Gcmsim-Teacher): open the teacher's page with the address `gcmsim serve --classroom` printed");
  if (!classroom.is_teacher(req.get_header_value("X-Gcmsim-Teacher"))) throw Refusal(403, "wrong teacher token");
}

// A student's name: 1 to max characters of UTF-8 (the parser has checked it is UTF-8), no control
// characters. It is shown to the class, always as text.
std::string player_name(const json& body, const Limits& limits) {
  const json& v = field(body, "name");
  if (!v.is_string()) throw Refusal(400, "'name' must be the student's name");
  const std::string name = v.get<std::string>();
  std::size_t chars = 0;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) throw Refusal(400, "'name' must not contain control characters");
    chars += (c & 0xC0) != 0x80;
  }
  if (chars == 0 || chars > limits.max_name_chars) {
    throw Refusal(400, fmt::format("'name' must be 1 to {} characters", limits.max_name_chars));
  }
  return name;
}

std::shared_ptr<Session> session_or_404(Classroom& classroom, const httplib::Request& req) {
  auto session = classroom.find(req.matches[1]);
  if (!session) throw Refusal(404, "no such classroom session (ended and pushed out, or never opened)");
  return session;
}

// Who asks: the teacher, a player of this session, or whoever holds its join code (the projector).
Viewer viewer_of(const httplib::Request& req, const Classroom& classroom, const Session& session) {
  if (req.has_header("X-Gcmsim-Teacher")) {
    require_teacher(req, classroom);
    return {Viewer::Kind::teacher, {}};
  }
  if (req.has_header("X-Gcmsim-Seat")) {
    const std::string token = req.get_header_value("X-Gcmsim-Seat");
    if (!session.has_player(token)) throw Refusal(403, "you are not a player of this session (join again with the code)");
    return {Viewer::Kind::student, token};
  }
  if (req.has_header("X-Gcmsim-Code")) {
    std::string code = req.get_header_value("X-Gcmsim-Code").substr(0, 16);
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (code != session.code()) throw Refusal(403, "wrong join code for this session");
    return {Viewer::Kind::projector, {}};
  }
  throw Refusal(401, "this needs the join code (X-Gcmsim-Code), a seat (X-Gcmsim-Seat) or the teacher's token");
}

json lobby(const Session& session) {
  json view = session.view(Viewer{Viewer::Kind::projector, {}});
  return {{"id", session.id()}, {"status", view["status"]}, {"scenario", view["scenario"]}, {"seats", view["seats"]}};
}

}  // namespace

void add_routes(httplib::Server& http, Classroom& classroom, const Limits& limits) {
  http.Get("/api/classroom/scenarios", [&classroom](const httplib::Request& req, httplib::Response& res) {
    require_teacher(req, classroom);
    send_json(res, 200, {{"scenarios", classroom.scenarios()}});
  });
  http.Post("/api/classroom/sessions", [&classroom](const httplib::Request& req, httplib::Response& res) {
    require_teacher(req, classroom);
    const auto session = classroom.open(parse_object(req));
    res.set_header("Location", fmt::format("/api/classroom/sessions/{}", session->id()));
    send_json(res, 201, session->view(Viewer{Viewer::Kind::teacher, {}}));
  });
  http.Get("/api/classroom/sessions", [&classroom](const httplib::Request& req, httplib::Response& res) {
    require_teacher(req, classroom);
    json list = json::array();
    for (const auto& s : classroom.sessions()) {
      const json v = s->view(Viewer{Viewer::Kind::teacher, {}});
      list.push_back({{"id", s->id()}, {"code", s->code()}, {"status", v["status"]}, {"scenario", v["scenario"]}, {"players", v["players"]}});
    }
    send_json(res, 200, {{"sessions", std::move(list)}});
  });
  http.Post(R"(/api/classroom/sessions/([0-9a-f]{32})/control)", [&classroom](const httplib::Request& req, httplib::Response& res) {
    require_teacher(req, classroom);
    const auto session = session_or_404(classroom, req);
    const json body = parse_object(req);
    const json& action = field(body, "action");
    if (!action.is_string()) throw Refusal(400, "'action' must be start, pause, resume, skip or end");
    session->control(action.get<std::string>());
    send_json(res, 200, session->view(Viewer{Viewer::Kind::teacher, {}}));
  });
  // A join code opens the lobby: the session's seats and who sits there (the join page, the projector).
  http.Get("/api/classroom/lobby", [&classroom](const httplib::Request& req, httplib::Response& res) {
    const auto session = classroom.by_code(req.get_header_value("X-Gcmsim-Code"), req.remote_addr);
    send_json(res, 200, lobby(*session));
  });
  http.Post("/api/classroom/join", [&classroom, &limits](const httplib::Request& req, httplib::Response& res) {
    const json body = parse_object(req);
    const json& code = field(body, "code");
    if (!code.is_string()) throw Refusal(400, "'code' must be the join code the teacher shows");
    const auto session = classroom.by_code(code.get<std::string>(), req.remote_addr);
    const json& seat = field(body, "seat");
    if (!seat.is_null() && !seat.is_string()) throw Refusal(400, "'seat' must be a delegation's iso3 code, or absent");
    const Session::Joined joined = session->join(seat.is_string() ? seat.get<std::string>() : "", player_name(body, limits));
    send_json(res, 201, {{"session", session->id()}, {"token", joined.token}, {"iso3", joined.iso3}, {"state", joined.state}});
  });
  http.Get(R"(/api/classroom/sessions/([0-9a-f]{32}))", [&classroom](const httplib::Request& req, httplib::Response& res) {
    const auto session = session_or_404(classroom, req);
    send_json(res, 200, session->view(viewer_of(req, classroom, *session)));
  });
  http.Post(R"(/api/classroom/sessions/([0-9a-f]{32})/decide)", [&classroom](const httplib::Request& req, httplib::Response& res) {
    const auto session = session_or_404(classroom, req);
    const Viewer viewer = viewer_of(req, classroom, *session);
    if (viewer.kind != Viewer::Kind::student) throw Refusal(403, "only a student in a played seat decides");
    const json body = parse_object(req);
    const json& number = field(body, "number");
    const json& choice = field(body, "choice");
    if (!number.is_number_unsigned() || number.get<std::uint64_t>() == 0) throw Refusal(400, "'number' must be the question's number");
    if (!choice.is_number_integer()) throw Refusal(400, "'choice' must be one of the question's option numbers");
    const long long c = choice.get<long long>();
    if (c < 0 || c > 1000) throw Refusal(400, "'choice' must be one of the question's option numbers");
    session->answer(viewer.seat_token, number.get<std::uint64_t>(), static_cast<int>(c));
    send_json(res, 200, {{"accepted", true}});
  });
  // Every screen follows the session through Server-Sent Events: its whole view at every change.
  http.Get(R"(/api/classroom/sessions/([0-9a-f]{32})/events)", [&classroom](const httplib::Request& req, httplib::Response& res) {
    const auto session = session_or_404(classroom, req);
    const Viewer viewer = viewer_of(req, classroom, *session);
    auto seen = std::make_shared<std::uint64_t>(~std::uint64_t{0});
    res.set_header("X-Accel-Buffering", "no");
    res.set_chunked_content_provider("text/event-stream", [session, viewer, seen](std::size_t, httplib::DataSink& sink) {
      const std::uint64_t now =
          *seen == ~std::uint64_t{0} ? session->version() : session->wait_change(*seen, std::chrono::seconds(10));
      if (!sink.is_writable()) return false;
      if (now == *seen) {
        const std::string beat = ": waiting\n\n";
        return sink.write(beat.data(), beat.size());
      }
      auto [text, version] = session->view_text(viewer);
      *seen = version;
      const bool finished = session->finished() && version == session->version();
      const std::string event = fmt::format("event: {}\ndata: {}\n\n", finished ? "end" : "view", text);
      if (!sink.write(event.data(), event.size())) return false;
      if (finished) sink.done();
      return true;
    });
  });
  http.Get(R"(/api/classroom/sessions/([0-9a-f]{32})/debrief)", [&classroom](const httplib::Request& req, httplib::Response& res) {
    const auto session = session_or_404(classroom, req);
    viewer_of(req, classroom, *session);
    send_json(res, 200, session->debrief());
  });
  http.Get(R"(/api/classroom/sessions/([0-9a-f]{32})/decisions.csv)", [&classroom](const httplib::Request& req, httplib::Response& res) {
    const auto session = session_or_404(classroom, req);
    viewer_of(req, classroom, *session);
    res.set_header("Content-Disposition", "attachment; filename=\"decisions.csv\"");
    res.set_content(session->decisions_csv(), "text/csv; charset=utf-8");
  });
}

}  // namespace gcmsim::serve::classroom
