#include "cache/cache.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>

#include "feed/feed_json.h"
#include "feed/hash.h"
#include "model/translations.h"
#include "model/validate.h"
#include "schema.h"
#include "sqlite.h"

namespace kiosk::cache {

using sqlite::Stmt;
using sqlite::Transaction;

struct Cache::Db {
  sqlite::DbHandle handle;
  std::string path;
  bool read_only = false;
  int presented = -1;  // read-only: the file's schema the stand-in views were made for (-1: none yet)
  sqlite3* get() const { return handle.get(); }
};

namespace {

constexpr int kBusyTimeoutMs = 5000;

std::int64_t to_sql(std::uint64_t v) {
  std::int64_t out;
  std::memcpy(&out, &v, sizeof out);
  return out;
}
std::uint64_t from_sql(std::int64_t v) {
  std::uint64_t out;
  std::memcpy(&out, &v, sizeof out);
  return out;
}

Error with_path(const std::string& path, const Error& e) { return make_error(path + ": " + e.message); }

// SQLite's "unable to open database file" says nothing of why: the system's reason (no such file,
// permission denied) when the failure came from the file system.
Error with_system_reason(sqlite3* db, const Error& e) {
  const int code = db ? sqlite3_errcode(db) : SQLITE_NOMEM;
  const int err = db ? sqlite3_system_errno(db) : 0;
  if (err == 0 || (code != SQLITE_CANTOPEN && code != SQLITE_READONLY && code != SQLITE_IOERR && code != SQLITE_PERM)) return e;
  return make_error(e.message + " (" + std::strerror(err) + ")");
}

// A digest of a version's content in a canonical form (the manifest as feed_json writes it), taken
// when it is applied and compared whenever it is read: bytes that changed on the disk inside a page
// SQLite still reads as valid show up here.
// The assets are sorted by sha256 first: the cache lists them in that order, the feed in its own.
std::string content_digest(model::Feed feed) {
  std::sort(feed.assets.begin(), feed.assets.end(), [](const auto& a, const auto& b) { return a.sha256 < b.sha256; });
  return feed::sha256_hex(feed::to_json(feed));
}

constexpr const char* kDamagedPrefix = "the cache is damaged: ";

// Writes the rows of one version. Every statement is prepared once and reused for all its rows.
class Writer {
 public:
  Writer(sqlite3* db, std::int64_t version) : db_(db), version_(version) {}

  Status write(const model::Feed& feed, std::int64_t now, const SignedManifest& from) {
    auto v = prepare(
        "INSERT INTO versions(version, format, issued, expires, applied_at, source, epoch, content_sha256, manifest, "
        "signature) VALUES (?,?,?,?,?,?,?,?,?,?)");
    if (!v) return v.error();
    v->bind(1, version_).bind(2, feed.format).bind(3, feed.issued).bind(4, feed.expires).bind(5, now).bind(6, feed.source)
        .bind(7, to_sql(from.epoch)).bind(8, content_digest(feed));
    if (from.manifest.empty()) {
      v->bind_null(9).bind_null(10);
    } else {
      v->bind_blob(9, from.manifest).bind(10, from.signature);
    }
    if (auto s = v->run("writing table versions"); !s) return s;

    const model::Content& c = feed.content;
    if (auto s = areas(c); !s) return s;
    if (auto s = counts(c); !s) return s;
    if (auto s = criteria(c); !s) return s;
    if (auto s = milestones(c); !s) return s;
    if (auto s = results(c); !s) return s;
    if (auto s = notices(c); !s) return s;
    if (auto s = events(c); !s) return s;
    if (auto s = translations(c); !s) return s;
    return assets(feed);
  }

 private:
  Result<Stmt> prepare(std::string_view sql) { return Stmt::prepare(db_, sql); }

  Status areas(const model::Content& c) {
    auto a = prepare("INSERT INTO areas(version, ord, id, name, kommune, lat, lon, note, approximate) VALUES (?,?,?,?,?,?,?,?,?)");
    auto k = prepare("INSERT INTO area_categories(version, area_id, year, category) VALUES (?,?,?,?)");
    if (!a) return a.error();
    if (!k) return k.error();
    for (std::size_t i = 0; i < c.areas.size(); ++i) {
      const auto& area = c.areas[i];
      a->bind(1, version_).bind(2, static_cast<std::int64_t>(i)).bind(3, area.id).bind(4, area.name).bind(5, area.kommune);
      if (area.position) {
        a->bind(6, area.position->lat).bind(7, area.position->lon).bind(9, area.position->approximate ? 1 : 0);
      } else {
        a->bind_null(6).bind_null(7).bind(9, 0);
      }
      a->bind(8, area.note);
      if (auto s = a->run("writing table areas"); !s) return s;
      for (const auto& cy : area.categories) {
        k->bind(1, version_).bind(2, area.id).bind(3, cy.year).bind(4, model::to_string(cy.category));
        if (auto s = k->run("writing table area_categories"); !s) return s;
      }
    }
    return Status::success();
  }

  Status counts(const model::Content& c) {
    auto n = prepare("INSERT INTO national_counts(version, date, udsatte, parallelsamfund, omdannelse, forebyggelse) VALUES (?,?,?,?,?,?)");
    if (!n) return n.error();
    for (const auto& row : c.national_counts) {
      n->bind(1, version_).bind(2, model::format_partial_date(row.date)).bind(3, row.udsatte).bind(4, row.parallelsamfund)
          .bind(5, row.omdannelse).bind(6, row.forebyggelse);
      if (auto s = n->run("writing table national_counts"); !s) return s;
    }
    return Status::success();
  }

  Status criteria(const model::Content& c) {
    auto k = prepare("INSERT INTO criteria(version, ord, id, title, text, summary) VALUES (?,?,?,?,?,?)");
    if (!k) return k.error();
    for (std::size_t i = 0; i < c.criteria.size(); ++i) {
      const auto& cr = c.criteria[i];
      k->bind(1, version_).bind(2, static_cast<std::int64_t>(i)).bind(3, cr.id).bind(4, cr.title).bind(5, cr.text).bind(6, cr.summary);
      if (auto s = k->run("writing table criteria"); !s) return s;
    }
    return Status::success();
  }

  Status milestones(const model::Content& c) {
    auto m = prepare("INSERT INTO milestones(version, ord, id, date, track, title, text) VALUES (?,?,?,?,?,?,?)");
    if (!m) return m.error();
    for (std::size_t i = 0; i < c.milestones.size(); ++i) {
      const auto& ms = c.milestones[i];
      m->bind(1, version_).bind(2, static_cast<std::int64_t>(i)).bind(3, ms.id).bind(4, model::format_partial_date(ms.when))
          .bind(5, model::to_string(ms.track)).bind(6, ms.title).bind(7, ms.text);
      if (auto s = m->run("writing table milestones"); !s) return s;
    }
    return Status::success();
  }

  Status results(const model::Content& c) {
    auto r = prepare(
        "INSERT INTO results(version, ord, id, date, title, summary, body, publisher, image, link, series_title, "
        "series_unit, series_kind, show_from, show_until) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    auto ra = prepare("INSERT INTO result_areas(version, result_id, ord, area_id) VALUES (?,?,?,?)");
    auto sp = prepare("INSERT INTO series_points(version, result_id, ord, label, value) VALUES (?,?,?,?,?)");
    if (!r) return r.error();
    if (!ra) return ra.error();
    if (!sp) return sp.error();
    for (std::size_t i = 0; i < c.results.size(); ++i) {
      const auto& res = c.results[i];
      r->bind(1, version_).bind(2, static_cast<std::int64_t>(i)).bind(3, res.id).bind(4, model::format_partial_date(res.date))
          .bind(5, res.title).bind(6, res.summary).bind(7, res.body).bind(8, res.publisher).bind(9, res.image).bind(10, res.link);
      if (res.series) {
        r->bind(11, res.series->title).bind(12, res.series->unit).bind(13, model::to_string(res.series->kind));
      } else {
        r->bind_null(11).bind_null(12).bind_null(13);
      }
      r->bind(14, res.show_from).bind(15, res.show_until);
      if (auto s = r->run("writing table results"); !s) return s;
      for (std::size_t k = 0; k < res.area_ids.size(); ++k) {
        ra->bind(1, version_).bind(2, res.id).bind(3, static_cast<std::int64_t>(k)).bind(4, res.area_ids[k]);
        if (auto s = ra->run("writing table result_areas"); !s) return s;
      }
      if (!res.series) continue;
      for (std::size_t k = 0; k < res.series->points.size(); ++k) {
        const auto& p = res.series->points[k];
        sp->bind(1, version_).bind(2, res.id).bind(3, static_cast<std::int64_t>(k)).bind(4, p.label).bind(5, p.value);
        if (auto s = sp->run("writing table series_points"); !s) return s;
      }
    }
    return Status::success();
  }

  Status notices(const model::Content& c) {
    auto n = prepare(
        "INSERT INTO notices(version, ord, id, level, title, text, image, show_from, show_until) VALUES (?,?,?,?,?,?,?,?,?)");
    if (!n) return n.error();
    for (std::size_t i = 0; i < c.notices.size(); ++i) {
      const auto& notice = c.notices[i];
      n->bind(1, version_).bind(2, static_cast<std::int64_t>(i)).bind(3, notice.id).bind(4, model::to_string(notice.level))
          .bind(5, notice.title).bind(6, notice.text).bind(7, notice.image).bind(8, notice.show_from).bind(9, notice.show_until);
      if (auto s = n->run("writing table notices"); !s) return s;
      if (auto s = item_areas("notice", notice.id, notice.area_ids); !s) return s;
    }
    return Status::success();
  }

  Status events(const model::Content& c) {
    auto e = prepare("INSERT INTO events(version, ord, id, title, starts, ends, place, text) VALUES (?,?,?,?,?,?,?,?)");
    if (!e) return e.error();
    for (std::size_t i = 0; i < c.events.size(); ++i) {
      const auto& event = c.events[i];
      e->bind(1, version_).bind(2, static_cast<std::int64_t>(i)).bind(3, event.id).bind(4, event.title).bind(5, event.starts)
          .bind(6, event.ends).bind(7, event.place).bind(8, event.text);
      if (auto s = e->run("writing table events"); !s) return s;
      if (auto s = item_areas("event", event.id, event.area_ids); !s) return s;
    }
    return Status::success();
  }

  Status item_areas(std::string_view owner, const std::string& id, const std::vector<std::string>& area_ids) {
    if (area_ids.empty()) return Status::success();
    auto a = prepare("INSERT INTO item_areas(version, owner, owner_id, ord, area_id) VALUES (?,?,?,?,?)");
    if (!a) return a.error();
    for (std::size_t k = 0; k < area_ids.size(); ++k) {
      a->bind(1, version_).bind(2, owner).bind(3, id).bind(4, static_cast<std::int64_t>(k)).bind(5, area_ids[k]);
      if (auto s = a->run("writing table item_areas"); !s) return s;
    }
    return Status::success();
  }

  Status translations(const model::Content& c) {
    auto t = prepare("INSERT INTO translations(version, owner, owner_id, language, field, text) VALUES (?,?,?,?,?,?)");
    if (!t) return t.error();
    Status written = Status::success();
    model::each_translatable(c, [&](const model::Translatable& where, const auto& object, const auto&) {
      for (const auto& [language, texts] : object.translations) {
        for (const auto& [field, text] : texts) {
          if (!written) return;
          t->bind(1, version_).bind(2, where.kind).bind(3, where.id).bind(4, language).bind(5, field).bind(6, text);
          written = t->run("writing table translations");
        }
      }
    });
    return written;
  }

  Status assets(const model::Feed& feed) {
    auto a = prepare("INSERT INTO version_assets(version, sha256, size, media_type) VALUES (?,?,?,?)");
    if (!a) return a.error();
    for (const auto& ref : feed.assets) {
      a->bind(1, version_).bind(2, ref.sha256).bind(3, static_cast<std::int64_t>(ref.size)).bind(4, ref.media_type);
      if (auto s = a->run("writing table version_assets"); !s) return s;
    }
    return Status::success();
  }

  sqlite3* db_;
  std::int64_t version_;
};

struct Current {
  std::int64_t version;
  std::optional<std::int64_t> previous;
  std::uint64_t epoch = 0;
};

Result<std::optional<Current>> read_current_row(sqlite3* db) {
  auto s = Stmt::prepare(db,
                         "SELECT c.version, c.previous, coalesce(v.epoch, 0) FROM current c "
                         "LEFT JOIN versions v ON v.version = c.version WHERE c.id = 1");
  if (!s) return s.error();
  if (!s->step()) {
    if (auto st = s->status("reading table current"); !st) return st.error();
    return std::optional<Current>{};
  }
  Current c{s->int64(0), std::nullopt, from_sql(s->int64(2))};
  if (!s->is_null(1)) c.previous = s->int64(1);
  return std::optional<Current>{c};
}

// Reads all rows of one version. Words the model does not know mean the file was damaged.
class Reader {
 public:
  Reader(sqlite3* db, std::int64_t version) : db_(db), version_(version) {}

  Result<Snapshot> read() {
    Snapshot snap;
    if (auto s = info(snap.info); !s) return s.error();
    if (auto s = areas(snap.content); !s) return s.error();
    if (auto s = counts(snap.content); !s) return s.error();
    if (auto s = criteria(snap.content); !s) return s.error();
    if (auto s = milestones(snap.content); !s) return s.error();
    if (auto s = results(snap.content); !s) return s.error();
    if (auto s = notices(snap.content); !s) return s.error();
    if (auto s = events(snap.content); !s) return s.error();
    if (auto s = item_areas(snap.content); !s) return s.error();
    if (auto s = translations(snap.content); !s) return s.error();
    if (auto s = assets(snap.assets); !s) return s.error();
    return snap;
  }

  // The digest taken when the version was applied; empty for one applied before schema 3.
  const std::string& digest() const { return digest_; }

 private:
  Result<Stmt> query(std::string_view sql) {
    auto s = Stmt::prepare(db_, sql);
    if (s) s->bind(1, version_);
    return s;
  }

  Status damaged(const std::string& what) { return make_error(kDamagedPrefix + what); }

  Status info(VersionInfo& info) {
    auto s = query("SELECT version, issued, expires, applied_at, source, epoch, content_sha256 FROM versions WHERE version = ?");
    if (!s) return s.error();
    if (!s->step()) return damaged("the current version has no row in table versions");
    info.version = from_sql(s->int64(0));
    info.issued = s->int64(1);
    info.expires = s->int64(2);
    info.applied_at = s->int64(3);
    info.source = s->text(4);
    info.epoch = from_sql(s->int64(5));
    digest_ = s->text(6);
    return Status::success();
  }

  Status areas(model::Content& c) {
    auto a = query("SELECT id, name, kommune, lat, lon, note, approximate FROM areas WHERE version = ? ORDER BY ord");
    auto k = query("SELECT area_id, year, category FROM area_categories WHERE version = ? ORDER BY area_id, year");
    if (!a) return a.error();
    if (!k) return k.error();
    while (a->step()) {
      model::Area area{a->text(0), a->text(1), a->text(2), {}, std::nullopt, a->text(5)};
      if (!a->is_null(3)) area.position = model::GeoPosition{a->real(3), a->real(4), a->int64(6) != 0};
      c.areas.push_back(std::move(area));
    }
    if (auto s = a->status("reading table areas"); !s) return s;
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < c.areas.size(); ++i) index[c.areas[i].id] = i;
    while (k->step()) {
      model::CategoryYear cy{static_cast<int>(k->int64(1)), model::Category::kNone};
      const std::string word = k->text(2);
      if (!model::parse_category(word, cy.category)) return damaged("unknown category '" + word + "'");
      const auto it = index.find(k->text(0));
      if (it == index.end()) return damaged("area_categories names an unknown area");
      c.areas[it->second].categories.push_back(cy);
    }
    return k->status("reading table area_categories");
  }

  Status counts(model::Content& c) {
    auto n = query("SELECT date, udsatte, parallelsamfund, omdannelse, forebyggelse FROM national_counts WHERE version = ? ORDER BY date");
    if (!n) return n.error();
    while (n->step()) {
      auto date = model::parse_partial_date(n->text(0));
      if (!date) return damaged(date.error().message);
      model::NationalCounts row{*date, static_cast<int>(n->int64(1)), static_cast<int>(n->int64(2)),
                                static_cast<int>(n->int64(3)), std::nullopt};
      if (!n->is_null(4)) row.forebyggelse = static_cast<int>(n->int64(4));
      c.national_counts.push_back(row);
    }
    return n->status("reading table national_counts");
  }

  Status criteria(model::Content& c) {
    auto k = query("SELECT id, title, text, summary FROM criteria WHERE version = ? ORDER BY ord");
    if (!k) return k.error();
    while (k->step()) c.criteria.push_back({k->text(0), k->text(1), k->text(2), k->text(3)});
    return k->status("reading table criteria");
  }

  Status milestones(model::Content& c) {
    auto m = query("SELECT id, date, track, title, text FROM milestones WHERE version = ? ORDER BY ord");
    if (!m) return m.error();
    while (m->step()) {
      model::Milestone ms;
      ms.id = m->text(0);
      auto date = model::parse_partial_date(m->text(1));
      if (!date) return damaged(date.error().message);
      ms.when = *date;
      if (!model::parse_track(m->text(2), ms.track)) return damaged("unknown track '" + m->text(2) + "'");
      ms.title = m->text(3);
      ms.text = m->text(4);
      c.milestones.push_back(std::move(ms));
    }
    return m->status("reading table milestones");
  }

  Status results(model::Content& c) {
    auto r = query(
        "SELECT id, date, title, summary, body, publisher, image, link, series_title, series_unit, series_kind, show_from, "
        "show_until FROM results WHERE version = ? ORDER BY ord");
    auto ra = query("SELECT result_id, area_id FROM result_areas WHERE version = ? ORDER BY result_id, ord");
    auto sp = query("SELECT result_id, label, value FROM series_points WHERE version = ? ORDER BY result_id, ord");
    if (!r) return r.error();
    if (!ra) return ra.error();
    if (!sp) return sp.error();
    std::map<std::string, std::size_t> index;
    while (r->step()) {
      model::Result res;
      res.id = r->text(0);
      auto date = model::parse_partial_date(r->text(1));
      if (!date) return damaged(date.error().message);
      res.date = *date;
      res.title = r->text(2);
      res.summary = r->text(3);
      res.body = r->text(4);
      res.publisher = r->text(5);
      res.image = r->text(6);
      res.link = r->text(7);
      if (!r->is_null(10)) {
        model::Series series{r->text(8), r->text(9), model::ChartKind::kBar, {}};
        if (!model::parse_chart_kind(r->text(10), series.kind)) return damaged("unknown chart kind '" + r->text(10) + "'");
        res.series = std::move(series);
      }
      res.show_from = optional_int64(*r, 11);
      res.show_until = optional_int64(*r, 12);
      index[res.id] = c.results.size();
      c.results.push_back(std::move(res));
    }
    if (auto s = r->status("reading table results"); !s) return s;
    while (ra->step()) {
      const auto it = index.find(ra->text(0));
      if (it == index.end()) return damaged("result_areas names an unknown result");
      c.results[it->second].area_ids.push_back(ra->text(1));
    }
    if (auto s = ra->status("reading table result_areas"); !s) return s;
    while (sp->step()) {
      const auto it = index.find(sp->text(0));
      if (it == index.end() || !c.results[it->second].series) return damaged("series_points names a result without a series");
      c.results[it->second].series->points.push_back({sp->text(1), sp->real(2)});
    }
    return sp->status("reading table series_points");
  }

  static std::optional<std::int64_t> optional_int64(const Stmt& s, int col) {
    return s.is_null(col) ? std::nullopt : std::optional<std::int64_t>(s.int64(col));
  }

  Status notices(model::Content& c) {
    auto n = query("SELECT id, level, title, text, image, show_from, show_until FROM notices WHERE version = ? ORDER BY ord");
    if (!n) return n.error();
    while (n->step()) {
      model::Notice notice;
      notice.id = n->text(0);
      if (!model::parse_notice_level(n->text(1), notice.level)) return damaged("unknown notice level '" + n->text(1) + "'");
      notice.title = n->text(2);
      notice.text = n->text(3);
      notice.image = n->text(4);
      notice.show_from = optional_int64(*n, 5);
      notice.show_until = n->int64(6);
      c.notices.push_back(std::move(notice));
    }
    return n->status("reading table notices");
  }

  Status events(model::Content& c) {
    auto e = query("SELECT id, title, starts, ends, place, text FROM events WHERE version = ? ORDER BY ord");
    if (!e) return e.error();
    while (e->step()) {
      model::Event event;
      event.id = e->text(0);
      event.title = e->text(1);
      event.starts = e->int64(2);
      event.ends = optional_int64(*e, 3);
      event.place = e->text(4);
      event.text = e->text(5);
      c.events.push_back(std::move(event));
    }
    return e->status("reading table events");
  }

  // The areas of notices and events; a row whose notice or event is not in this version means damage.
  Status item_areas(model::Content& c) {
    auto a = query("SELECT owner, owner_id, area_id FROM item_areas WHERE version = ? ORDER BY owner, owner_id, ord");
    if (!a) return a.error();
    std::map<std::pair<std::string, std::string>, std::vector<std::string>*> owners;
    for (auto& n : c.notices) owners[{"notice", n.id}] = &n.area_ids;
    for (auto& e : c.events) owners[{"event", e.id}] = &e.area_ids;
    while (a->step()) {
      const auto it = owners.find({a->text(0), a->text(1)});
      if (it == owners.end()) return damaged("item_areas names an unknown " + a->text(0) + " '" + a->text(1) + "'");
      it->second->push_back(a->text(2));
    }
    return a->status("reading table item_areas");
  }

  // Every row goes to its object; a row whose object is not in this version means damage.
  Status translations(model::Content& c) {
    auto t = query("SELECT owner, owner_id, language, field, text FROM translations WHERE version = ?");
    if (!t) return t.error();
    std::map<std::pair<std::string, std::string>, model::Translations> rows;
    while (t->step()) rows[{t->text(0), t->text(1)}][t->text(2)][t->text(3)] = t->text(4);
    if (auto s = t->status("reading table translations"); !s) return s;
    model::each_translatable(c, [&](const model::Translatable& where, auto& object, const auto&) {
      const auto it = rows.find({std::string(where.kind), where.id});
      if (it == rows.end()) return;
      object.translations = std::move(it->second);
      rows.erase(it);
    });
    if (!rows.empty()) return damaged("translations names an unknown " + rows.begin()->first.first + " '" + rows.begin()->first.second + "'");
    return Status::success();
  }

  Status assets(std::vector<model::AssetRef>& out) {
    auto a = query("SELECT sha256, size, media_type FROM version_assets WHERE version = ? ORDER BY sha256");
    if (!a) return a.error();
    while (a->step()) out.push_back({a->text(0), static_cast<std::uint64_t>(a->int64(1)), a->text(2)});
    return a->status("reading table version_assets");
  }

  sqlite3* db_;
  std::int64_t version_;
  std::string digest_;
};

}  // namespace

std::string beside(const std::string& database, const std::string& name) {
  const auto slash = database.rfind('/');
  return (slash == std::string::npos ? std::string(".") : database.substr(0, slash)) + "/" + name;
}

std::string objects_dir_beside(const std::string& database) { return beside(database, "objects"); }

Cache::Cache(std::unique_ptr<Db> db) : db_(std::move(db)) {}
Cache::Cache(Cache&&) noexcept = default;
Cache& Cache::operator=(Cache&&) noexcept = default;
Cache::~Cache() = default;

Result<Cache> Cache::open_read_only(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  auto db = std::make_unique<Db>(Db{sqlite::DbHandle(raw), path, true});
  if (rc != SQLITE_OK) return with_path(path, with_system_reason(raw, sqlite::error(raw, "opening the cache to read")));
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  sqlite3_extended_result_codes(raw, 1);
  Cache cache(std::move(db));
  // The first read opens the file's -wal and -shm: what fails there fails here, not later.
  if (auto s = cache.readable(); !s) return with_system_reason(raw, s.error());
  return cache;
}

Status Cache::readable() {
  if (!db_->read_only) return Status::success();
  sqlite3* db = db_->get();
  auto version = user_version(db);
  if (!version) return with_path(db_->path, version.error());
  if (auto known = known_schema(*version); !known) return with_path(db_->path, known.error());
  if (*version == db_->presented) return Status::success();
  if (auto s = present_as_current(db, *version); !s) return with_path(db_->path, s.error());
  db_->presented = *version;
  return Status::success();
}

Result<Cache> Cache::open(const std::string& path, const OpenOptions& options) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  auto db = std::make_unique<Db>(Db{sqlite::DbHandle(raw), path});
  if (rc != SQLITE_OK) return with_path(path, sqlite::error(raw, "opening the cache"));
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  sqlite3_extended_result_codes(raw, 1);

  // journal_mode answers with the mode in force; anything but "wal" means the file system refused.
  {
    auto mode = Stmt::prepare(raw, "PRAGMA journal_mode = WAL");
    if (!mode) return with_path(path, mode.error());
    if (!mode->step()) return with_path(path, sqlite::error(raw, "switching to WAL"));
    if (mode->text(0) != "wal") return make_error(path + ": the cache cannot use WAL mode (got '" + mode->text(0) + "')");
  }
  if (auto s = sqlite::exec(raw, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", "configuring the cache"); !s) {
    return with_path(path, s.error());
  }
  if (auto s = migrate(raw); !s) return with_path(path, s.error());
  if (options.max_page_count) {
    if (auto s = sqlite::exec(raw, "PRAGMA max_page_count = " + std::to_string(*options.max_page_count), "limiting pages"); !s) {
      return with_path(path, s.error());
    }
  }
  return Cache(std::move(db));
}

Status Cache::apply(const model::Feed& feed, std::int64_t now_unix, const SignedManifest& from) {
  if (auto valid = model::validate(feed); !valid) return valid;
  sqlite3* db = db_->get();
  auto tx = Transaction::begin(db, Transaction::Kind::kWrite);
  if (!tx) return with_path(db_->path, tx.error());

  auto current = read_current_row(db);
  if (!current) return with_path(db_->path, current.error());
  if (*current) {
    const std::uint64_t cached = from_sql((*current)->version);
    const std::uint64_t cached_epoch = (*current)->epoch;
    const std::uint64_t line = version_line(from.epoch), cached_line = version_line(cached_epoch);
    if (line < cached_line || (line == cached_line && feed.version <= cached)) {
      return make_error("version " + std::to_string(feed.version) + " (epoch " + std::to_string(from.epoch) +
                        ") is not newer than the cached version " + std::to_string(cached) + " (epoch " +
                        std::to_string(cached_epoch) + ")");
    }
  }

  const std::int64_t version = to_sql(feed.version);
  std::optional<std::int64_t> previous;
  if (*current) previous = (*current)->version;
  // A new epoch may reuse a number the cache still holds from the old line: that version makes way.
  if (previous == version) previous.reset();
  if (auto s = sqlite::exec(db, "DELETE FROM current WHERE version = " + std::to_string(version) +
                                    "; UPDATE current SET previous = NULL WHERE previous = " + std::to_string(version) +
                                    "; DELETE FROM versions WHERE version = " + std::to_string(version),
                            "removing a version of an earlier epoch");
      !s) {
    return with_path(db_->path, s.error());
  }
  if (auto s = Writer(db, version).write(feed, now_unix, from); !s) return with_path(db_->path, s.error());

  auto set = Stmt::prepare(db, "INSERT OR REPLACE INTO current(id, version, previous) VALUES (1, ?, ?)");
  if (!set) return with_path(db_->path, set.error());
  set->bind(1, version).bind(2, previous);
  if (auto s = set->run("writing table current"); !s) return with_path(db_->path, s.error());

  // Keep what is shown and the version before it; the rest cascades away.
  auto prune = Stmt::prepare(db, "DELETE FROM versions WHERE version <> ?1 AND (?2 IS NULL OR version <> ?2)");
  if (!prune) return with_path(db_->path, prune.error());
  prune->bind(1, version).bind(2, previous);
  if (auto s = prune->run("removing old versions"); !s) return with_path(db_->path, s.error());

  if (auto s = tx->commit(); !s) return with_path(db_->path, s.error());
  return Status::success();
}

Result<std::optional<Snapshot>> Cache::read_current() {
  sqlite3* db = db_->get();
  // One read transaction: WAL gives it a consistent view however kiosk-sync commits meanwhile.
  auto tx = Transaction::begin(db, Transaction::Kind::kRead);
  if (!tx) return with_path(db_->path, tx.error());
  if (auto s = readable(); !s) return s.error();
  auto current = read_current_row(db);
  if (!current) return with_path(db_->path, current.error());
  if (!*current) return std::optional<Snapshot>{};
  Reader reader(db, (*current)->version);
  auto snap = reader.read();
  if (!snap) return with_path(db_->path, snap.error());
  if (auto s = tx->commit(); !s) return with_path(db_->path, s.error());

  model::Feed check{model::kFeedFormat, snap->info.version, snap->info.issued, snap->info.expires,
                    snap->info.source, std::move(snap->content), std::move(snap->assets)};
  if (auto valid = model::validate(check); !valid) {
    return make_error(db_->path + ": " + kDamagedPrefix + "its content no longer validates: " + valid.error().message);
  }
  if (!reader.digest().empty() && content_digest(check) != reader.digest()) {
    return make_error(db_->path + ": " + kDamagedPrefix + "the content of version " + std::to_string(check.version) +
                      " no longer matches the digest taken when it was applied (bytes changed on the disk)");
  }
  snap->content = std::move(check.content);
  snap->assets = std::move(check.assets);
  return std::optional<Snapshot>{std::move(*snap)};
}

Result<std::optional<std::uint64_t>> Cache::current_version() {
  if (auto s = readable(); !s) return s.error();
  auto current = read_current_row(db_->get());
  if (!current) return with_path(db_->path, current.error());
  if (!*current) return std::optional<std::uint64_t>{};
  return std::optional<std::uint64_t>{from_sql((*current)->version)};
}

Result<int> Cache::schema_version() {
  auto s = Stmt::prepare(db_->get(), "PRAGMA user_version");
  if (!s) return s.error();
  if (!s->step()) return sqlite::error(db_->get(), "reading the schema version");
  return static_cast<int>(s->int64(0));
}

Result<SyncState> Cache::sync_state() {
  if (auto r = readable(); !r) return r.error();
  auto s = Stmt::prepare(db_->get(),
                         "SELECT last_attempt, last_success, last_error, last_outcome, etag, last_modified, "
                         "last_issued_seen, marked_stale, stale_reason, validators_url, last_full_check FROM sync_state WHERE id = 1");
  if (!s) return with_path(db_->path, s.error());
  if (!s->step()) return with_path(db_->path, sqlite::error(db_->get(), "reading table sync_state"));
  return SyncState{s->int64(0), s->int64(1), s->text(2), s->text(3), s->text(4), s->text(5), s->int64(6), s->int64(7) != 0,
                   s->text(8), s->text(9), s->int64(10)};
}

Status Cache::set_sync_state(const SyncState& st) {
  auto s = Stmt::prepare(db_->get(),
                         "UPDATE sync_state SET last_attempt = ?, last_success = ?, last_error = ?, last_outcome = ?, "
                         "etag = ?, last_modified = ?, last_issued_seen = ?, marked_stale = ?, stale_reason = ?, "
                         "validators_url = ?, last_full_check = ? WHERE id = 1");
  if (!s) return with_path(db_->path, s.error());
  s->bind(1, st.last_attempt).bind(2, st.last_success).bind(3, st.last_error).bind(4, st.last_outcome).bind(5, st.etag)
      .bind(6, st.last_modified).bind(7, st.last_issued_seen).bind(8, st.marked_stale ? 1 : 0).bind(9, st.stale_reason)
      .bind(10, st.validators_url).bind(11, st.last_full_check);
  if (auto r = s->run("writing table sync_state"); !r) return with_path(db_->path, r.error());
  return Status::success();
}

Result<std::optional<SignedManifest>> Cache::current_manifest() {
  if (auto r = readable(); !r) return r.error();
  auto s = Stmt::prepare(db_->get(),
                         "SELECT v.manifest, v.signature, v.epoch FROM current c JOIN versions v ON v.version = c.version "
                         "WHERE c.id = 1 AND v.manifest IS NOT NULL");
  if (!s) return with_path(db_->path, s.error());
  if (!s->step()) {
    if (auto st = s->status("reading the signed manifest"); !st) return with_path(db_->path, st.error());
    return std::optional<SignedManifest>{};
  }
  return std::optional<SignedManifest>{SignedManifest{s->blob(0), s->text(1), from_sql(s->int64(2))}};
}

Result<std::optional<TrustRecord>> Cache::trust() {
  if (auto r = readable(); !r) return r.error();
  auto s = Stmt::prepare(db_->get(), "SELECT serial, epoch, document, signature FROM trust WHERE id = 1");
  if (!s) return with_path(db_->path, s.error());
  if (!s->step()) {
    if (auto st = s->status("reading table trust"); !st) return with_path(db_->path, st.error());
    return std::optional<TrustRecord>{};
  }
  return std::optional<TrustRecord>{TrustRecord{from_sql(s->int64(0)), from_sql(s->int64(1)), s->blob(2), s->text(3)}};
}

Status Cache::set_trust(const TrustRecord& record) {
  auto s = Stmt::prepare(db_->get(), "INSERT OR REPLACE INTO trust(id, serial, epoch, document, signature) VALUES (1, ?, ?, ?, ?)");
  if (!s) return with_path(db_->path, s.error());
  s->bind(1, to_sql(record.serial)).bind(2, to_sql(record.epoch)).bind_blob(3, record.document).bind(4, record.signature);
  if (auto r = s->run("writing table trust"); !r) return with_path(db_->path, r.error());
  return Status::success();
}

Result<std::vector<std::string>> Cache::referenced_assets() {
  if (auto r = readable(); !r) return r.error();
  auto s = Stmt::prepare(db_->get(), "SELECT DISTINCT sha256 FROM version_assets ORDER BY sha256");
  if (!s) return with_path(db_->path, s.error());
  std::vector<std::string> out;
  while (s->step()) out.push_back(s->text(0));
  if (auto st = s->status("reading table version_assets"); !st) return with_path(db_->path, st.error());
  return out;
}

Result<std::int64_t> Cache::data_version() {
  auto s = Stmt::prepare(db_->get(), "PRAGMA data_version");
  if (!s) return s.error();
  if (!s->step()) return sqlite::error(db_->get(), "reading data_version");
  return s->int64(0);
}

Result<std::string> Cache::quick_check() { return check("quick_check"); }

Result<std::string> Cache::integrity_check() { return check("integrity_check"); }

Result<std::string> Cache::check(const std::string& pragma) {
  auto s = Stmt::prepare(db_->get(), "PRAGMA " + pragma);
  if (!s) return s.error();
  std::string out;
  while (s->step()) out += (out.empty() ? "" : "; ") + s->text(0);
  if (auto st = s->status(pragma.c_str()); !st) return st.error();
  return out;
}

namespace {

bool is_damage_code(int rc) { return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB; }

Examination damaged_file(std::string detail) { return Examination{Health::kDamaged, std::move(detail)}; }

// SQLite's quick_check on a connection of its own, closed when this returns (its statement too, so
// the connection is really closed and not left open until later): damage found, or nullopt.
Result<std::optional<Examination>> pages_checked(const std::string& path) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  sqlite::DbHandle db(raw);
  if (rc != SQLITE_OK) {
    if (is_damage_code(rc)) return std::optional{damaged_file(sqlite3_errstr(rc))};
    return with_path(path, sqlite::error(raw, "opening the cache"));
  }
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  auto check = Stmt::prepare(raw, "PRAGMA quick_check");
  if (!check) {
    if (is_damage_code(sqlite3_extended_errcode(raw))) return std::optional{damaged_file(sqlite3_errmsg(raw))};
    return with_path(path, check.error());
  }
  std::string found;
  while (check->step()) {
    const std::string row = check->text(0);
    if (row != "ok") found += (found.empty() ? "" : "; ") + row;
  }
  if (auto st = check->status("checking the cache"); !st) {
    if (is_damage_code(sqlite3_extended_errcode(raw))) return std::optional{damaged_file(sqlite3_errmsg(raw))};
    return with_path(path, st.error());
  }
  if (!found.empty()) return std::optional{damaged_file("SQLite's quick_check: " + found.substr(0, 400))};
  return std::optional<Examination>{};
}

}  // namespace

Result<Examination> examine(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) return Examination{Health::kAbsent, ""};
  auto pages = pages_checked(path);
  if (!pages) return pages.error();
  if (*pages) return **pages;

  // The pages are sound; is the content still what was applied?
  auto cache = Cache::open_read_only(path);
  if (!cache) return cache.error();
  auto snap = cache->read_current();
  if (!snap) {
    const std::string& m = snap.error().message;
    if (const auto at = m.find(kDamagedPrefix); at != std::string::npos) {
      return damaged_file(m.substr(at + std::strlen(kDamagedPrefix)));
    }
    return snap.error();
  }
  return Examination{Health::kHealthy, ""};
}

Result<std::string> quarantine(const std::string& path, std::int64_t now_unix, int keep) {
  namespace fs = std::filesystem;
  const std::time_t t = static_cast<std::time_t>(now_unix);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
  const std::string aside = path + ".damaged-" + stamp;
  if (::rename(path.c_str(), aside.c_str()) != 0) return make_error(path + ": cannot move it aside: " + std::strerror(errno));
  // The write-ahead log belongs to the damaged file; the shared-memory index is rebuilt from nothing.
  ::rename((path + "-wal").c_str(), (aside + "-wal").c_str());
  ::unlink((path + "-shm").c_str());

  // Keep the newest `keep` damaged copies: a disk that keeps damaging files must not fill up.
  const fs::path p(path);
  const std::string prefix = p.filename().string() + ".damaged-";
  std::vector<std::string> copies;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(p.parent_path().empty() ? fs::path(".") : p.parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && name.size() > 4 && name.compare(name.size() - 4, 4, "-wal") != 0) {
      copies.push_back(entry.path().string());
    }
  }
  std::sort(copies.begin(), copies.end());  // the stamps sort by time
  for (std::size_t i = 0; i + static_cast<std::size_t>(std::max(keep, 1)) < copies.size(); ++i) {
    fs::remove(copies[i], ec);
    fs::remove(copies[i] + "-wal", ec);
  }
  return aside;
}

}  // namespace kiosk::cache
