#include "publish/diff.h"

#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "feed/feed_json.h"
#include "model/validate.h"
#include "test_support.h"
#include "untranslated.h"

using kiosk::publish::Change;
using kiosk::publish::diff;
using kiosk::publish::FeedDiff;
namespace model = kiosk::model;

namespace {

// The built-in default feed: a realistic base that each test copies and edits.
const model::Feed& base() {
  static const model::Feed feed = [] {
    auto parsed = kiosk::feed::parse_feed(kiosk::testing::default_feed_text());
    REQUIRE(parsed.ok());
    return *parsed;
  }();
  return feed;
}

std::vector<std::string> lines(const FeedDiff& d) {
  std::vector<std::string> out;
  for (const auto& c : d.changes) out.push_back(c.what);
  return out;
}

template <class Item>
Item& by_id(std::vector<Item>& items, const std::string& id) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const Item& i) { return i.id == id; });
  REQUIRE(it != items.end());
  return *it;
}

template <class Item>
void erase_id(std::vector<Item>& items, const std::string& id) {
  const auto before = items.size();
  std::erase_if(items, [&](const Item& i) { return i.id == id; });
  REQUIRE(items.size() == before - 1);
}

std::size_t index_of(const std::vector<std::string>& all, const std::string& line) {
  const auto it = std::find(all.begin(), all.end(), line);
  REQUIRE(it != all.end());
  return static_cast<std::size_t>(it - all.begin());
}

}  // namespace

TEST_CASE("identical feeds give the header and no content changes", "[publish]") {
  const auto d = diff(base(), base());
  CHECK(d.empty());
  CHECK(kiosk::publish::format(d) == "version 1; issued 2026-11-27; expires 2100-01-01\nno content changes\n");
}

TEST_CASE("a new version with the same content says so after the header", "[publish]") {
  model::Feed old_feed = base();
  old_feed.version = 6;
  old_feed.issued = 1795132800;   // 2026-11-20
  old_feed.expires = 1796342400;  // 2026-12-04
  model::Feed new_feed = old_feed;
  new_feed.version = 7;
  new_feed.issued = 1795737600;   // 2026-11-27
  new_feed.expires = 1796947200;  // 2026-12-11

  const auto d = diff(old_feed, new_feed);
  CHECK(d.empty());
  CHECK(kiosk::publish::format(d) ==
        "version 6 -> 7; issued 2026-11-20 -> 2026-11-27; expires 2026-12-04 -> 2026-12-11\n"
        "no content changes\n");
}

TEST_CASE("times that are not midnight are shown in UTC", "[publish]") {
  model::Feed old_feed = base();
  model::Feed new_feed = base();
  old_feed.issued = 1795737600 + 14 * 3600 + 30 * 60;       // 14:30
  new_feed.issued = 1795737600 + 14 * 3600 + 30 * 60 + 15;  // 14:30:15
  CHECK(diff(old_feed, new_feed).header ==
        "version 1; issued 2026-11-27 14:30 UTC -> 2026-11-27 14:30:15 UTC; expires 2100-01-01");
}

TEST_CASE("format and source changes follow the header", "[publish]") {
  model::Feed new_feed = base();
  new_feed.format = 2;
  new_feed.source = "Kommunens eget indhold";
  CHECK(lines(diff(base(), new_feed)) == std::vector<std::string>{"format 1 -> 2", "source changed"});
}

TEST_CASE("result changes name each field", "[publish]") {
  model::Feed new_feed = base();
  auto& r = by_id(new_feed.content.results, "gellerupparken-fysisk-baseline");
  r.date = {2020, 3, 0};
  r.title = "Gellerupparken: ny baseline";
  r.summary += " Opdateret.";
  r.body += " Opdateret.";
  r.publisher = "BUILD";
  r.image = std::string(64, 'a');
  r.link = "https://build.dk/rapport";
  r.area_ids = {"vollsmose"};

  auto& chart = by_id(new_feed.content.results, "udsatte-omraader-2018-2024");
  REQUIRE(chart.series);
  REQUIRE(chart.series->points.size() == 7);
  chart.series->points.push_back({"2025", 11});

  const auto d = diff(base(), new_feed);
  CHECK(lines(d) == std::vector<std::string>{
                        R"(result "gellerupparken-fysisk-baseline": date 2020 -> 2020-03)",
                        R"(result "gellerupparken-fysisk-baseline": title "Gellerupparken: baseline for de fysiske forhold" -> "Gellerupparken: ny baseline")",
                        R"(result "gellerupparken-fysisk-baseline": summary changed)",
                        R"(result "gellerupparken-fysisk-baseline": body changed)",
                        R"(result "gellerupparken-fysisk-baseline": publisher "SBi" -> "BUILD")",
                        R"(result "gellerupparken-fysisk-baseline": picture added)",
                        R"(result "gellerupparken-fysisk-baseline": link added: "https://build.dk/rapport")",
                        R"(result "gellerupparken-fysisk-baseline": areas: + vollsmose, - gellerupparken-toveshoej)",
                        R"(result "udsatte-omraader-2018-2024": chart changed (7 -> 8 points))",
                    });
  CHECK(std::all_of(d.changes.begin(), d.changes.end(), [](const Change& c) { return c.kind == Change::Kind::kChanged; }));
}

TEST_CASE("result pictures links areas and charts can also be removed", "[publish]") {
  model::Feed old_feed = base();
  auto& r = by_id(old_feed.content.results, "gellerupparken-fysisk-baseline");
  r.image = std::string(64, 'a');
  r.link = "https://sbi.dk/gellerup";
  model::Feed new_feed = old_feed;
  auto& n = by_id(new_feed.content.results, "gellerupparken-fysisk-baseline");
  n.image.clear();
  n.link.clear();
  n.area_ids.clear();
  by_id(new_feed.content.results, "udsatte-omraader-2018-2024").series.reset();

  CHECK(lines(diff(old_feed, new_feed)) == std::vector<std::string>{
                                               R"(result "gellerupparken-fysisk-baseline": picture removed)",
                                               R"(result "gellerupparken-fysisk-baseline": link removed: "https://sbi.dk/gellerup")",
                                               R"(result "gellerupparken-fysisk-baseline": areas: gellerupparken-toveshoej -> all)",
                                               R"(result "udsatte-omraader-2018-2024": chart removed)",
                                           });
}

TEST_CASE("results added and removed are named with their titles", "[publish]") {
  model::Feed new_feed = base();
  erase_id(new_feed.content.results, "mjoelnerparken-fysisk-baseline");
  model::Result added;
  added.id = "vive-2024-status";
  added.date = {2024, 0, 0};
  added.title = "Boligområderne i 2024";
  new_feed.content.results.push_back(added);

  const auto d = diff(base(), new_feed);
  REQUIRE(d.changes.size() == 2);
  CHECK(d.changes[0] == Change{Change::Kind::kAdded, R"(result "vive-2024-status" added: "Boligområderne i 2024")"});
  CHECK(d.changes[1] == Change{Change::Kind::kRemoved,
                               R"(result "mjoelnerparken-fysisk-baseline" removed: "Mjølnerparken: baseline for de fysiske forhold")"});
}

TEST_CASE("area changes name the list year and the field", "[publish]") {
  model::Feed new_feed = base();
  auto& v = by_id(new_feed.content.areas, "vollsmose");
  v.name = "Vollsmose Øst";
  v.kommune = "Odense Kommune";
  v.categories.push_back({2025, model::Category::kOmdannelse});
  v.categories[0].category = model::Category::kParallelsamfund;  // 2018
  v.categories[6].category = model::Category::kOmdannelse;       // 2024, not known before
  v.position = model::GeoPosition{55.41, 10.43, true};
  v.note.clear();
  erase_id(new_feed.content.areas, "mjoelnerparken");
  model::Area added;
  added.id = "bydelen";
  added.name = "Bydelen";
  added.kommune = "Ærø";
  new_feed.content.areas.push_back(added);

  CHECK(lines(diff(base(), new_feed)) == std::vector<std::string>{
                                             R"(area "vollsmose": name "Vollsmose" -> "Vollsmose Øst")",
                                             R"(area "vollsmose": kommune "Odense" -> "Odense Kommune")",
                                             R"(area "vollsmose": list 2018: omdannelse -> parallelsamfund)",
                                             R"(area "vollsmose": list 2024: unknown -> omdannelse)",
                                             R"(area "vollsmose": list 2025: not given -> omdannelse)",
                                             R"(area "vollsmose": map position 55.409, 10.43 (approximate) -> 55.41, 10.43 (approximate))",
                                             R"(area "vollsmose": note removed)",
                                             R"(area "bydelen" added: Bydelen (Ærø))",
                                             R"(area "mjoelnerparken" removed: Mjølnerparken (København))",
                                         });
}

TEST_CASE("a position that stops being approximate is named as such", "[publish]") {
  model::Feed new_feed = base();
  auto& v = by_id(new_feed.content.areas, "vollsmose");
  REQUIRE(v.position.has_value());
  REQUIRE(v.position->approximate);
  v.position->approximate = false;
  CHECK(lines(diff(base(), new_feed)) ==
        std::vector<std::string>{R"(area "vollsmose": map position 55.409, 10.43 (approximate) -> 55.409, 10.43)"});
}

TEST_CASE("a list year marked none differs from a year not given", "[publish]") {
  model::Feed new_feed = base();
  by_id(new_feed.content.areas, "vollsmose").categories.push_back({2025, model::Category::kNone});
  CHECK(lines(diff(base(), new_feed)) == std::vector<std::string>{"area \"vollsmose\": list 2025: not given -> none"});
}

TEST_CASE("national counts are matched by list date and show the numbers", "[publish]") {
  model::Feed new_feed = base();
  auto& counts = new_feed.content.national_counts;
  REQUIRE(counts.back().date == model::PartialDate{2024, 12, 1});
  counts.back().udsatte = 13;
  counts.back().forebyggelse = 60;
  counts.erase(counts.begin());  // 2018
  counts.push_back({{2025, 12, 1}, 10, 7, 6, 58});

  const auto d = diff(base(), new_feed);
  CHECK(lines(d) == std::vector<std::string>{
                        "list 2024-12-01: udsatte 12 -> 13, forebyggelse 63 -> 60",
                        "list 2025-12-01 added: udsatte 10, parallelsamfund 7, omdannelse 6, forebyggelse 58",
                        "list 2018-12-01 removed: udsatte 43, parallelsamfund 29, omdannelse 15",
                    });
  REQUIRE(d.changes.size() == 3);
  CHECK(d.changes[1].kind == Change::Kind::kAdded);
  CHECK(d.changes[2].kind == Change::Kind::kRemoved);
}

TEST_CASE("criteria changes are named by id", "[publish]") {
  model::Feed new_feed = base();
  auto& k = by_id(new_feed.content.criteria, "kriminalitet");
  k.title = "Kriminalitet og domme";
  k.summary = "Mindst 3 gange så mange dømte";
  k.text += " Ændret.";
  erase_id(new_feed.content.criteria, "indkomst");
  new_feed.content.criteria.push_back({"tryghed", "Tryghed", "Hvor trygge beboerne føler sig.", ""});

  CHECK(lines(diff(base(), new_feed)) ==
        std::vector<std::string>{
            R"(criterion "kriminalitet": title "Kriminalitet" -> "Kriminalitet og domme")",
            R"(criterion "kriminalitet": summary "Mindst 3 gange så mange dømte som i hele landet" -> "Mindst 3 gange så mange dømte")",
            R"(criterion "kriminalitet": text changed)",
            R"(criterion "tryghed" added: "Tryghed")",
            R"(criterion "indkomst" removed: "Indkomst")",
        });
}

TEST_CASE("milestone changes name date track title and text", "[publish]") {
  model::Feed new_feed = base();
  auto& m = by_id(new_feed.content.milestones, "boligaftale-2018");
  m.when = {2018, 5, 0};
  m.track = model::Track::kBoth;
  m.title = "Boligaftalen";
  m.text = "Kort.";
  erase_id(new_feed.content.milestones, "foelgeevalueringen-afsluttes");
  new_feed.content.milestones.push_back({"slutrapport", {2030, 0, 0}, model::Track::kBoth, "Slutrapport", ""});

  CHECK(lines(diff(base(), new_feed)) == std::vector<std::string>{
                                             R"(milestone "boligaftale-2018": date 2018-05-09 -> 2018-05)",
                                             R"(milestone "boligaftale-2018": track physical -> both)",
                                             R"(milestone "boligaftale-2018": title "Boligaftalen indgås" -> "Boligaftalen")",
                                             R"(milestone "boligaftale-2018": text changed)",
                                             R"(milestone "slutrapport" added: "Slutrapport" (2030))",
                                             R"(milestone "foelgeevalueringen-afsluttes" removed: "Følgeevalueringen afsluttes" (2029))",
                                         });
}

TEST_CASE("pictures are counted with their sizes", "[publish]") {
  const auto picture = [](char c, std::uint64_t size) { return model::AssetRef{std::string(64, c), size, "image/jpeg"}; };
  model::Feed old_feed = base();
  old_feed.assets = {picture('a', 300 * 1024), picture('b', 5000)};
  model::Feed new_feed = base();
  new_feed.assets = {picture('b', 5000), picture('c', 1024 * 1024), picture('d', 1536 * 1024), picture('e', 100)};

  auto d = diff(old_feed, new_feed);
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0] == Change{Change::Kind::kChanged, "3 pictures added (2.5 MB), 1 removed (300 KB)"});

  d = diff(new_feed, old_feed);
  CHECK(lines(d) == std::vector<std::string>{"1 picture added (300 KB), 3 removed (2.5 MB)"});

  d = diff(base(), old_feed);
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0] == Change{Change::Kind::kAdded, "2 pictures added (305 KB)"});

  d = diff(old_feed, base());
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0] == Change{Change::Kind::kRemoved, "2 pictures removed (305 KB)"});
}

TEST_CASE("groups come in a fixed order and items in the order of the feeds", "[publish]") {
  model::Feed new_feed = base();
  new_feed.assets = {{std::string(64, 'f'), 2048, "image/png"}};
  by_id(new_feed.content.results, "udsatte-omraader-2018-2024").title = "Udsatte boligområder";
  by_id(new_feed.content.results, "gellerupparken-fysisk-baseline").title = "Gellerup";
  by_id(new_feed.content.milestones, "loven-vedtages").title = "Loven";
  by_id(new_feed.content.criteria, "uddannelse").title = "Skole";
  new_feed.content.national_counts.back().udsatte = 99;
  by_id(new_feed.content.areas, "vollsmose").name = "V";
  by_id(new_feed.content.areas, "mjoelnerparken").name = "M";
  erase_id(new_feed.content.areas, "agervang");
  erase_id(new_feed.content.areas, "tingbjerg-utterslevhuse");
  new_feed.source = "Ny kilde";

  const auto all = lines(diff(base(), new_feed));
  const std::vector<std::string> expected_order = {
      "source changed",
      R"(area "mjoelnerparken": name "Mjølnerparken" -> "M")",
      R"(area "vollsmose": name "Vollsmose" -> "V")",
      R"(area "tingbjerg-utterslevhuse" removed: Tingbjerg/Utterslevhuse (København))",
      R"(area "agervang" removed: Agervang (Grønneparken) (Holbæk))",
      "list 2024-12-01: udsatte 12 -> 99",
      R"(criterion "uddannelse": title "Uddannelse" -> "Skole")",
      R"(milestone "loven-vedtages": title "Loven vedtages" -> "Loven")",
      R"(result "gellerupparken-fysisk-baseline": title "Gellerupparken: baseline for de fysiske forhold" -> "Gellerup")",
      R"(result "udsatte-omraader-2018-2024": title "Udsatte boligområder 2018-2024" -> "Udsatte boligområder")",
      "1 picture added (2 KB)",
  };
  CHECK(all == expected_order);
}

TEST_CASE("changed items follow the order of the new feed", "[publish]") {
  model::Feed new_feed = base();
  auto& results = new_feed.content.results;
  std::swap(results[0], results[1]);
  results[0].publisher = "A";
  results[1].publisher = "B";

  CHECK(lines(diff(base(), new_feed)) == std::vector<std::string>{
                                             R"(result "mjoelnerparken-fysisk-baseline": publisher "BUILD, Aalborg Universitet" -> "A")",
                                             R"(result "gellerupparken-fysisk-baseline": publisher "SBi" -> "B")",
                                             "results: order changed",
                                         });
}

TEST_CASE("reordering items without other changes is reported once per group", "[publish]") {
  model::Feed new_feed = base();
  std::swap(new_feed.content.results[0], new_feed.content.results[1]);
  auto& ids = by_id(new_feed.content.results, "gellerupparken-fysisk-baseline").area_ids;
  ids.push_back("vollsmose");
  std::reverse(ids.begin(), ids.end());
  model::Feed old_feed = base();
  by_id(old_feed.content.results, "gellerupparken-fysisk-baseline").area_ids.push_back("vollsmose");

  CHECK(lines(diff(old_feed, new_feed)) == std::vector<std::string>{
                                               R"(result "gellerupparken-fysisk-baseline": areas: order changed)",
                                               "results: order changed",
                                           });
}

TEST_CASE("long titles are cut on a character boundary and never split æøå", "[publish]") {
  // Every alignment of two-byte Danish letters against the cut: 0-3 ASCII letters, then æøå.
  for (std::size_t ascii = 0; ascii < 4; ++ascii) {
    std::string title(ascii, 'x');
    while (model::utf8_length(title) < 100) title += "æøå";
    model::Feed new_feed = base();
    by_id(new_feed.content.results, "gellerupparken-fysisk-baseline").title = title;

    const auto d = diff(base(), new_feed);
    REQUIRE(d.changes.size() == 1);
    const std::string& line = d.changes[0].what;
    INFO(line);
    CHECK(model::is_valid_utf8(line));
    const auto arrow = line.find(" -> \"");
    REQUIRE(arrow != std::string::npos);
    const std::string shown = line.substr(arrow + 5, line.size() - arrow - 6);  // between the quotes
    CHECK(model::utf8_length(shown) == kiosk::publish::kQuotedChars);
    CHECK(shown.ends_with("..."));
    CHECK(title.starts_with(shown.substr(0, shown.size() - 3)));
  }
}

TEST_CASE("a title that fits is shown whole and line breaks stay on one line", "[publish]") {
  model::Feed new_feed = base();
  std::string exactly_60;
  while (model::utf8_length(exactly_60) < kiosk::publish::kQuotedChars) exactly_60 += "å";
  by_id(new_feed.content.results, "gellerupparken-fysisk-baseline").title = exactly_60;
  by_id(new_feed.content.criteria, "indkomst").summary = "to\nlinjer";

  const auto all = lines(diff(base(), new_feed));
  CHECK(index_of(all, R"(criterion "indkomst": summary "Indkomst under 55 % af regionens gennemsnit" -> "to linjer")") <
        index_of(all, R"(result "gellerupparken-fysisk-baseline": title "Gellerupparken: baseline for de fysiske forhold" -> ")" +
                          exactly_60 + "\""));
}

TEST_CASE("texts that differ only past the cut are reported without a misleading value", "[publish]") {
  model::Feed old_feed = base();
  model::Feed new_feed = base();
  const std::string start(70, 'a');
  by_id(old_feed.content.results, "gellerupparken-fysisk-baseline").title = start + "1";
  by_id(new_feed.content.results, "gellerupparken-fysisk-baseline").title = start + "2";
  CHECK(lines(diff(old_feed, new_feed)) ==
        std::vector<std::string>{R"(result "gellerupparken-fysisk-baseline": title changed)"});
}

TEST_CASE("translations added, changed and removed are named by language and field", "[publish][translations]") {
  // Only the translations set here, so the changes listed are exactly these.
  model::Feed old_feed = kiosk::testing::without_translations(base());
  const auto first_charted = std::find_if(old_feed.content.results.begin(), old_feed.content.results.end(),
                                          [](const model::Result& r) { return r.series.has_value(); });
  REQUIRE(first_charted != old_feed.content.results.end());
  auto& charted = *first_charted;
  charted.translations = {{"ar", {{"title", "عنوان"}, {"summary", "ملخص"}}}};
  charted.series->translations = {{"ar", {{"title", "المناطق"}}}};
  by_id(old_feed.content.criteria, "kriminalitet").translations = {{"en", {{"title", "Crime"}}}};
  model::Feed new_feed = old_feed;
  auto& result = by_id(new_feed.content.results, charted.id);
  result.translations["ar"]["title"] = "عنوان جديد";
  result.translations["ar"].erase("summary");
  result.translations["so"]["title"] = "Cinwaan";
  result.series->translations["ar"]["title"] = "مناطق";
  by_id(new_feed.content.criteria, "kriminalitet").translations.clear();
  by_id(new_feed.content.milestones, new_feed.content.milestones[0].id).translations = {{"tr", {{"title", "Başlangıç"}}}};
  const std::string r = "result \"" + charted.id + "\": ";
  CHECK(lines(diff(old_feed, new_feed)) ==
        std::vector<std::string>{
            R"(criterion "kriminalitet": translation en.title removed)",
            "milestone \"" + new_feed.content.milestones[0].id + "\": translation tr.title added",
            r + "chart translation ar.title changed",  // and not "chart changed": its points are as they were
            r + "translation ar.summary removed",
            r + "translation ar.title changed",
            r + "translation so.title added",
        });
}

TEST_CASE("notices and events added, changed and removed are named, and a result's shown period", "[publish][notices]") {
  model::Feed old_feed = base();
  model::Notice heat;
  heat.id = "varme";
  heat.level = model::NoticeLevel::kInfo;
  heat.title = "Varmen er afbrudt i blok 3";
  heat.show_until = 1'796'130'000;  // 2026-12-01 13:00 UTC
  model::Event cafe;
  cafe.id = "cafe";
  cafe.title = "Fællesspisning";
  cafe.starts = 1'796'216'400;  // 2026-12-02 13:00 UTC
  old_feed.content.notices = {heat};
  old_feed.content.events = {cafe};

  model::Feed new_feed = old_feed;
  auto& n = new_feed.content.notices[0];
  n.level = model::NoticeLevel::kUrgent;
  n.show_until += 3600;
  n.area_ids = {"vollsmose"};
  model::Notice meeting;
  meeting.id = "moede";
  meeting.title = "Beboermøde torsdag kl. 19";
  meeting.show_from = 1'796'126'400;
  meeting.show_until = 1'796'400'000;
  new_feed.content.notices.push_back(meeting);
  new_feed.content.events.clear();
  new_feed.content.results[0].show_until = 1'798'761'600;  // 2027-01-01

  const auto d = diff(old_feed, new_feed);
  const std::string id = new_feed.content.results[0].id;
  CHECK(lines(d) == std::vector<std::string>{
                        "result \"" + id + "\": shown until none -> 2027-01-01",
                        R"(notice "varme": level info -> urgent)",
                        R"(notice "varme": until 2026-12-01 13:00 UTC -> 2026-12-01 14:00 UTC)",
                        R"(notice "varme": areas: all -> vollsmose)",
                        R"(notice "moede" added: info "Beboermøde torsdag kl. 19" (2026-12-01 12:00 UTC to 2026-12-04 16:00 UTC))",
                        R"(event "cafe" removed: "Fællesspisning" (2026-12-02 13:00 UTC))",
                    });
}
