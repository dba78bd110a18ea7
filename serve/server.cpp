#include "serve/server.hpp"

#include <atomic>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "models/run/simulate.hpp"
#include "serve/classroom/classroom.hpp"
#include "serve/classroom/routes.hpp"
#include "serve/common/catalog.hpp"
#include "serve/common/jobs.hpp"
#include "serve/common/same_token.hpp"
#include "serve/compare_job.hpp"
#include "serve/folder_zip.hpp"
#include "serve/knobs.hpp"
#include "serve/private_folder.hpp"
#include "serve/run_job.hpp"
#include "serve/worker_pool.hpp"

// Last: it includes <resolv.h>, whose `_res` macro breaks Eigen (reached through the run facade).
#include "serve/common/http_answers.hpp"

namespace gcmsim::serve {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// No inline script or style, nothing from elsewhere: the page's own files and its own API only.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

struct StaticFile {
  std::string body;
  std::string type;
};

std::map<std::string, StaticFile> read_web(const fs::path& dir) {
  // Scripts as application/javascript (a JavaScript type every browser runs as a module): httplib
  // would brotli-compress text/javascript on every request (150 ms for studio.js here; see
  // http_answers.hpp). The small HTML and CSS files it still compresses.
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "application/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".svg", "image/svg+xml"},
      {".png", "image/png"},                 {".ico", "image/x-icon"}};
  std::map<std::string, StaticFile> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto type = types.find(entry.path().extension().string());
    if (!entry.is_regular_file() || type == types.end()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    files[fmt::format("/{}", entry.path().filename().string())] = {text.str(), type->second};
  }
  if (files.count("/index.html") == 0) {
    throw std::runtime_error(fmt::format("the studio's page is missing: no index.html in {}", dir.string()));
  }
  return files;
}

}  // namespace

bool is_loopback(const std::string& host) { return host == "127.0.0.1" || host == "::1" || host == "localhost"; }

struct Server::Impl {
  ServerConfig config;
  httplib::Server http;
  Catalog catalog;
  JobRegistry jobs;
  WorkerPool pool;
  std::map<std::string, StaticFile> web;
  std::unique_ptr<classroom::Classroom> room;  // with --classroom
  std::string token;
  int port = 0;
  std::atomic<std::size_t> folder_builds{0};  // folder.zip downloads being written

  explicit Impl(ServerConfig c)
      : config(std::move(c)),
        catalog(config.scenarios_dir, config.scenarios_shown, config.limits.max_prepared),
        jobs(config.limits),
        pool(config.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : config.threads),
        web(read_web(config.web_dir)) {
    if (!is_loopback(config.host)) token = random_id();
    if (config.classroom) room = std::make_unique<classroom::Classroom>(catalog, config.limits);
    routes();
    // The studio opens on the baseline: prepared now, on a worker, so that the page's first load
    // does not wait for it (an invalid file is reported, located, when the page asks for it).
    if (const ShippedFile* opening = catalog.scenario("gcm-2017-2018")) {
      pool.submit([this, opening] {
        try {
          catalog.base(*opening);
        } catch (const std::exception&) {
          // Nobody asked yet: the request that does gets the loader's report.
        }
      });
    }
  }

  // A client is its address and, when the page sends one, its tab's session id: limits per client
  // then hold per tab; the total limit holds for everyone.
  static std::string client_of(const httplib::Request& req) {
    std::string client = req.remote_addr;
    if (req.has_header("X-Gcmsim-Session")) client += fmt::format("/{}", req.get_header_value("X-Gcmsim-Session").substr(0, 64));
    return client;
  }

  std::shared_ptr<Job> job_or_404(const httplib::Request& req, httplib::Response& res) {
    auto job = jobs.find(req.matches[1]);
    if (!job) send_error(res, 404, "no such job (unknown, or pushed out by newer results: docs/serve.md)");
    return job;
  }

  void routes() {
    // Every student's page holds a stream open: the classroom needs more connections at once.
    const std::size_t threads = config.classroom ? config.limits.classroom_http_threads : config.limits.http_threads;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_payload_max_length(config.limits.max_body_bytes);
    // Progress and classroom events are small writes a client waits on: no Nagle delay.
    http.set_tcp_nodelay(true);
    http.set_read_timeout(config.limits.read_timeout_seconds, 0);
    http.set_write_timeout(config.limits.read_timeout_seconds, 0);
    http.set_default_headers({{"Content-Security-Policy", kContentSecurityPolicy},
                              {"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"Cross-Origin-Resource-Policy", "same-origin"},
                              {"X-Frame-Options", "DENY"}});
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      // Loopback: only requests addressed to this machine by name (no DNS rebinding from a page
      // elsewhere that resolves its own name to 127.0.0.1).
      if (is_loopback(config.host)) {
        const std::string host = req.get_header_value("Host");
        const std::string name = host.substr(0, host.rfind(':'));
        if (name != "127.0.0.1" && name != "localhost" && name != "[::1]") {
          send_error(res, 421, "this server answers only requests addressed to 127.0.0.1 or localhost");
          return httplib::Server::HandlerResponse::Handled;
        }
      }
      if (req.path.rfind("/api/", 0) == 0) {
        res.set_header("Cache-Control", "no-store");
        // The classroom's routes check their own keys (teacher token, seat, join code): students
        // never hold the studio's token.
        const bool classroom_route = room && req.path.rfind("/api/classroom/", 0) == 0;
        if (!classroom_route && !token.empty() && !same_token(req.get_header_value("X-Gcmsim-Token"), token)) {
          send_error(res, 401, "missing or wrong X-Gcmsim-Token: open the address with the token that `gcmsim serve` printed");
          return httplib::Server::HandlerResponse::Handled;
        }
        if (req.method == "POST" && req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
          send_error(res, 415, "POST bodies must be JSON (Content-Type: application/json)");
          return httplib::Server::HandlerResponse::Handled;
        }
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (res.body.empty()) {
        const std::string what = res.status == 413   ? std::string("the request body is larger than the server accepts (docs/serve.md)")
                                 : res.status == 404 ? std::string("no such page or API route")
                                                     : fmt::format("the request was refused (HTTP {})", res.status);
        send_error(res, res.status, what);
      }
    });
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
      try {
        std::rethrow_exception(ep);
      } catch (const Refusal& r) {
        send_error(res, r.status, r.what());
      } catch (const json::exception& e) {
        send_error(res, 400, fmt::format("malformed JSON: {}", e.what()));
      } catch (const std::exception& e) {
        send_error(res, 500, fmt::format("internal error: {} (please report this defect)", e.what()));
      }
    });

    http.Get("/api/scenarios", [this](const httplib::Request&, httplib::Response& res) {
      json scenarios = json::array(), whatifs = json::array();
      for (const ShippedFile& f : catalog.scenarios()) scenarios.push_back({{"name", f.name}, {"path", catalog.shown(f)}});
      for (const ShippedFile& f : catalog.whatifs()) {
        whatifs.push_back({{"name", f.name}, {"title", f.title}, {"path", catalog.shown(f)}});
      }
      send_json(res, 200, {{"scenarios", scenarios}, {"whatifs", whatifs}, {"version", sim::version()},
                           {"limits", {{"max_replications", config.limits.max_replications},
                                       {"max_knobs", config.limits.max_knobs},
                                       {"max_override_bytes", config.limits.max_override_bytes}}}});
    });
    http.Get(R"(/api/scenarios/([a-z0-9._-]{1,64}))", [this](const httplib::Request& req, httplib::Response& res) {
      const ShippedFile* file = catalog.scenario(req.matches[1]);
      if (file == nullptr) return send_error(res, 404, "no shipped scenario of that name (GET /api/scenarios lists them)");
      const auto base = catalog.base(*file);
      json metrics = json::array();
      for (const sim::MetricInfo& m : base->metric_catalog().list()) {
        metrics.push_back({{"key", m.key()}, {"name", m.name}, {"group", m.group}, {"unit", m.unit},
                           {"kind", sim::to_string(m.kind)}, {"description", m.description}});
      }
      send_json(res, 200, {{"name", file->name}, {"title", base->scenario().name}, {"path", catalog.shown(*file)},
                           {"content_hash", base->content_hash()},
                           {"defaults", {{"seed", base->defaults().seed}, {"replications", 20}}},
                           {"knobs", describe_knobs(*base)}, {"metrics", std::move(metrics)}});
    });
    http.Post("/api/compare", [this](const httplib::Request& req, httplib::Response& res) {
      // Malformed JSON reaches the exception handler: 400 "malformed JSON: ...".
      const json body = json::parse(req.body);
      const CompareRequest request = parse_compare_request(body, catalog, config.limits);
      const auto job = start_compare(request, client_of(req), catalog, jobs, pool, config.limits);
      res.set_header("Location", fmt::format("/api/jobs/{}", job->id()));
      send_json(res, 202, job->status_json());
    });
    http.Post("/api/compare/command", [this](const httplib::Request& req, httplib::Response& res) {
      // Malformed JSON reaches the exception handler: 400 "malformed JSON: ...".
      const json body = json::parse(req.body);
      const CompareRequest request = parse_compare_request(body, catalog, config.limits);
      send_json(res, 200, {{"command", command_line("compare", request, catalog, config.limits)}});
    });
    // A run of R replications of one plan: the same request and refusals as a compare.
    http.Post("/api/run", [this](const httplib::Request& req, httplib::Response& res) {
      const CompareRequest request = parse_compare_request(json::parse(req.body), catalog, config.limits);
      const auto job = start_run(request, client_of(req), catalog, jobs, pool, config.limits);
      res.set_header("Location", fmt::format("/api/jobs/{}", job->id()));
      send_json(res, 202, job->status_json());
    });
    http.Post("/api/run/command", [this](const httplib::Request& req, httplib::Response& res) {
      const CompareRequest request = parse_compare_request(json::parse(req.body), catalog, config.limits);
      send_json(res, 200, {{"command", command_line("run", request, catalog, config.limits)}});
    });
    http.Get(R"(/api/jobs/([0-9a-f]{32}))", [this](const httplib::Request& req, httplib::Response& res) {
      if (auto job = job_or_404(req, res)) send_json(res, 200, job->status_json());
    });
    const auto cancel = [this](const httplib::Request& req, httplib::Response& res) {
      if (auto job = job_or_404(req, res)) {
        job->request_cancel();
        send_json(res, 202, job->status_json());
      }
    };
    http.Delete(R"(/api/jobs/([0-9a-f]{32}))", cancel);
    http.Post(R"(/api/jobs/([0-9a-f]{32})/cancel)", cancel);
    http.Get(R"(/api/jobs/([0-9a-f]{32})/result)", [this](const httplib::Request& req, httplib::Response& res) {
      auto job = job_or_404(req, res);
      if (!job) return;
      const auto result = job->result();
      if (!result) return send_json(res, 409, {{"error", "the job has no result (yet)"}, {"job", job->status_json()}});
      send_json(res, 200, *result);
    });
    // A compare's compare.csv, a run's summary.csv.
    http.Get(R"(/api/jobs/([0-9a-f]{32})/(compare|summary)\.csv)", [this](const httplib::Request& req, httplib::Response& res) {
      auto job = job_or_404(req, res);
      if (!job) return;
      if ((job->kind() == "run") != (req.matches[2] == "summary")) return send_error(res, 404, "a compare has compare.csv, a run summary.csv");
      const auto result = job->result();
      if (!result) return send_error(res, 409, "the job has no result (yet)");
      res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}.csv\"", req.matches[2].str()));
      res.set_content((*result)["csv"].get<std::string>(), "text/csv; charset=utf-8");
    });
    // The files the job's command line writes, zipped in a private folder and streamed from there.
    http.Get(R"(/api/jobs/([0-9a-f]{32})/folder\.zip)", [this](const httplib::Request& req, httplib::Response& res) {
      auto job = job_or_404(req, res);
      if (!job) return;
      if (!job->result()) return send_error(res, 409, "the job has no result (yet)");
      struct Slot {  // one of the folder builds allowed at once, held while this one is written
        std::atomic<std::size_t>& builds;
        ~Slot() { --builds; }
      } slot{folder_builds};
      if (++folder_builds > config.limits.max_folder_builds) {
        return send_error(res, 503, fmt::format("{} run folders are being zipped already (at most {}); try again shortly",
                                                config.limits.max_folder_builds, config.limits.max_folder_builds));
      }
      auto folder = std::make_shared<PrivateFolder>();
      const fs::path zip = folder->path() / "folder.zip";
      if (!write_folder_zip(*job, zip)) return send_error(res, 404, "this job has no run folder");
      auto in = std::make_shared<std::ifstream>(zip, std::ios::binary);
      res.set_header("Content-Disposition", fmt::format("attachment; filename=\"gcmsim-{}-{}.zip\"", job->kind(), job->id().substr(0, 8)));
      // The private folder goes when the download ends (or the client leaves).
      res.set_content_provider(
          fs::file_size(zip), "application/zip",
          [in](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
            std::string buffer(std::min<std::size_t>(length, 1 << 16), '\0');
            in->seekg(static_cast<std::streamoff>(offset));
            in->read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            return in->gcount() > 0 && sink.write(buffer.data(), static_cast<std::size_t>(in->gcount()));
          },
          [folder, in](bool) { in->close(); });
    });
    // Progress as Server-Sent Events: one "progress" event per change, "end" when finished.
    http.Get(R"(/api/jobs/([0-9a-f]{32})/events)", [this](const httplib::Request& req, httplib::Response& res) {
      auto job = job_or_404(req, res);
      if (!job) return;
      auto seen = std::make_shared<std::uint64_t>(~std::uint64_t{0});
      res.set_header("X-Accel-Buffering", "no");
      res.set_chunked_content_provider("text/event-stream", [job, seen](std::size_t, httplib::DataSink& sink) {
        const Job::Status s = *seen == ~std::uint64_t{0} ? job->status() : job->wait_change(*seen, std::chrono::seconds(10));
        if (!sink.is_writable()) return false;
        if (s.version == *seen) {
          const std::string beat = ": still working\n\n";  // a comment keeps proxies and the client awake
          return sink.write(beat.data(), beat.size());
        }
        *seen = s.version;
        const bool finished = s.state != JobState::queued && s.state != JobState::running;
        const std::string event = fmt::format("event: {}\ndata: {}\n\n", finished ? "end" : "progress", dump(job->status_json()));
        if (!sink.write(event.data(), event.size())) return false;
        if (finished) sink.done();
        return true;
      });
    });
    if (room) classroom::add_routes(http, *room, config.limits);
    http.Get("/api/health", [this](const httplib::Request&, httplib::Response& res) {
      send_json(res, 200, {{"ok", true}, {"jobs", jobs.size()}, {"queued_tasks", pool.queued()},
                           {"prepared_cached", catalog.cached()}, {"workers", pool.threads()}});
    });

    // The page: only the files read at start, by their exact names.
    http.Get(R"(/([A-Za-z0-9_-]*\.?[a-z]*))", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string name = req.path == "/" ? "/index.html" : req.path;
      const auto it = web.find(name);
      if (it == web.end()) return send_error(res, 404, "no such page");
      res.set_header("Cache-Control", "no-cache");
      res.set_content(it->second.body, it->second.type.c_str());
    });
  }
};

Server::Server(ServerConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}
Server::~Server() = default;

int Server::bind() {
  Impl& i = *impl_;
  if (i.config.port == 0) {
    i.port = i.http.bind_to_any_port(i.config.host);
  } else {
    i.port = i.http.bind_to_port(i.config.host, i.config.port) ? i.config.port : -1;
  }
  if (i.port <= 0) {
    throw std::runtime_error(fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)",
                                         i.config.host, i.config.port));
  }
  return i.port;
}

const std::string& Server::token() const { return impl_->token; }
const std::string& Server::teacher_token() const {
  static const std::string none;
  return impl_->room ? impl_->room->teacher_token() : none;
}
void Server::listen() { impl_->http.listen_after_bind(); }
void Server::stop() { impl_->http.stop(); }

}  // namespace gcmsim::serve
