#pragma once
// The classroom's part of the API, under /api/classroom/ (docs/serve.md, "The classroom"). Its
// requests carry their own keys instead of the studio's token: the teacher's token
// (X-Gcmsim-Teacher), a student's seat token (X-Gcmsim-Seat, from joining with the code), or the join
// code itself for the projector (X-Gcmsim-Code).
#include "serve/classroom/classroom.hpp"

namespace httplib {
class Server;
}

namespace gcmsim::serve::classroom {

void add_routes(httplib::Server& http, Classroom& classroom, const Limits& limits);

}  // namespace gcmsim::serve::classroom
