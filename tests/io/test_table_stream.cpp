// A table written chunk by chunk is byte for byte the table written whole, in every format.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/bundle.hpp"
#include "worldsys/io/table_writer.hpp"
#include "worldsys/io/text_table.hpp"

namespace worldsys {
namespace {

Table rows(size_t from, size_t to) {
  Table t({"exporter", "term", "value"}, {false, false, true});
  for (size_t i = from; i < to; ++i) t.add_row({"C\"" + std::to_string(i), i % 2 ? "VAX" : "EXGR, all", 1.0 / double(i + 1)});
  return t;
}

TEST(TableStream, ChunksWriteTheBytesOfTheWholeTable) {
  for (auto f : {io::TableFormat::csv, io::TableFormat::json, io::TableFormat::table}) {
    std::ostringstream whole, chunked;
    io::write_table(whole, rows(0, 7), f);
    io::TableStream s(chunked, f);
    s.write(rows(0, 3));
    s.write(rows(3, 3));  // an empty chunk changes nothing
    s.write(rows(3, 7));
    s.finish();
    EXPECT_EQ(chunked.str(), whole.str()) << int(f);
    std::ostringstream empty_whole, empty_chunked;
    io::write_table(empty_whole, rows(0, 0), f);
    io::TableStream e(empty_chunked, f);
    e.write(rows(0, 0));
    e.finish();
    EXPECT_EQ(empty_chunked.str(), empty_whole.str()) << int(f);
  }
}

TEST(TableBuilder, ChunksToASinkAreTheWholeTable) {
  // Rows built into columns equal add_row's; with a sink of chunk 3, ten rows arrive as 3 + 3 + 3 + 1 and nothing
  // is returned; no rows still hand over one (empty) chunk so the consumer sees the columns.
  auto build = [](size_t n, const TableBuilder::Sink& sink) {
    TableBuilder b({"exporter", "term", "value"}, {false, false, true}, sink, 3);
    for (size_t i = 0; i < n; ++i) {
      b.text(0, "C\"" + std::to_string(i)), b.text(1, i % 2 ? "VAX" : "EXGR, all"), b.num(2, 1.0 / double(i + 1));
      b.end_row();
    }
    return b.finish();
  };
  for (size_t n : {size_t(0), size_t(9), size_t(10)}) {
    std::ostringstream whole, streamed;
    io::write_table(whole, build(n, {}), io::TableFormat::csv);
    std::vector<size_t> sizes;
    io::TableStream s(streamed, io::TableFormat::csv);
    const Table rest = build(n, [&](const Table& t) { sizes.push_back(t.rows()), s.write(t); });
    s.finish();
    EXPECT_EQ(rest.rows(), 0u);
    EXPECT_EQ(streamed.str(), whole.str()) << n;
    std::ostringstream reference;
    io::write_table(reference, rows(0, n), io::TableFormat::csv);
    EXPECT_EQ(whole.str(), reference.str()) << n;
    const std::vector<size_t> expected = n == 0 ? std::vector<size_t>{0}
                                         : n == 9 ? std::vector<size_t>{3, 3, 3}
                                                  : std::vector<size_t>{3, 3, 3, 1};
    EXPECT_EQ(sizes, expected);
  }
}

TEST(TableStream, JsonIsNlohmannsDumpOfTheArrayOfRecords) {
  nlohmann::ordered_json want = nlohmann::ordered_json::array();
  const Table t = rows(0, 4);
  for (size_t r = 0; r < t.rows(); ++r) {
    nlohmann::ordered_json row;
    row["exporter"] = t.column("exporter").text[r];
    row["term"] = t.column("term").text[r];
    row["value"] = t.column("value").num[r];
    want.push_back(row);
  }
  std::ostringstream got;
  io::write_table(got, t, io::TableFormat::json);
  EXPECT_EQ(got.str(), want.dump(1) + "\n");
}

// Cells a reader drops (a total it recomputes, a block it skips) are read too: NaN, inf and 1e400 are refused where
// they stand, with the file's line and column.
TEST(TextTable, NonFiniteCellsAreRefusedWithTheirPosition) {
  test::TempDir tmp;
  for (const std::string bad : {"nan", "inf", "-Infinity", "1e400"}) {
    test::write_file(tmp / "t.csv", "V1,AUS_A,OUT\nAUS_A,1,2\nOUT,3," + bad + "\n");
    const auto b = io::Bundle::open(tmp / "t.csv");
    try {
      io::read_table(*b, "t.csv", io::csv_spec(1, 1));
      ADD_FAILURE() << bad << " accepted";
    } catch (const Error& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("t.csv:3:7: expected a finite number, found '" + bad + "'"), std::string::npos) << what;
    }
  }
}

// Latin-1 labels used to reach JSON output and end in "internal error"; they are refused where they stand.
TEST(TextTable, LabelsThatAreNotUtf8AreRefusedWithTheirPosition) {
  test::TempDir tmp;
  test::write_file(tmp / "t.csv", "V1,AUS_A\nC\xF4te_A,1\n");
  const auto b = io::Bundle::open(tmp / "t.csv");
  try {
    io::read_table(*b, "t.csv", io::csv_spec(1, 1));
    ADD_FAILURE() << "Latin-1 label accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("t.csv:2:1: byte 0xF4 is not UTF-8"), std::string::npos) << e.what();
  }
  test::write_file(tmp / "groups.csv", "region,group\nUSA,C\xF4te\n*,South\n");
  const auto r = test::run_cli("footprint --groups " + (tmp / "groups.csv").string() + " --format json");
  EXPECT_EQ(r.rc, 2) << r.err;
  EXPECT_NE(r.err.find("groups.csv:2:6: byte 0xF4 is not UTF-8 (a Latin-1 or Windows-1252 file? '\xC3\xB4' there)"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(r.out.empty());
  test::write_file(tmp / "ok.csv", "region,group\nUSA,C\xC3\xB4te d'Ivoire\n*,South\n");  // UTF-8 is fine
  EXPECT_EQ(test::run_cli("footprint --groups " + (tmp / "ok.csv").string() + " --format json").rc, 0);
}

// A source that never ends (a zip member built to inflate forever) stops at the limit with a message, not
// bad_alloc; one at the limit exactly is read whole.
TEST(ReadAll, StopsAtTheLimitInsteadOfExhaustingMemory) {
  struct Zeros : io::ByteSource {
    size_t left;
    std::string label = "bomb.zip:member.csv";
    explicit Zeros(size_t n) : left(n) {}
    size_t read(char* buf, size_t n) override {
      const size_t k = std::min(n, left);
      std::fill(buf, buf + k, '0');
      left -= k;
      return k;
    }
    const std::string& name() const override { return label; }
  };
  Zeros endless(size_t(-1));
  try {
    io::read_all(endless, 3 << 20);
    ADD_FAILURE() << "read past the limit";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input);
    EXPECT_NE(std::string(e.what()).find("bomb.zip:member.csv: inflates past 3 MB"), std::string::npos) << e.what();
  }
  Zeros exact(3 << 20);
  EXPECT_EQ(io::read_all(exact, 3 << 20).size(), size_t(3 << 20));
}

}  // namespace
}  // namespace worldsys
