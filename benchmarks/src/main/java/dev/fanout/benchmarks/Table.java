package dev.fanout.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A Markdown table, printed as soon as it is complete. */
final class Table {
  private final String title;
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String title, String... headers) {
    this.title = title;
    this.headers = List.of(headers);
  }

  Table row(String... cells) {
    rows.add(List.of(cells));
    return this;
  }

  void print(PrintStream out) {
    out.println();
    out.println("### " + title);
    out.println();
    out.println("| " + String.join(" | ", headers) + " |");
    out.println("|" + "---|".repeat(headers.size()));
    for (List<String> row : rows) {
      out.println("| " + String.join(" | ", row) + " |");
    }
    out.flush();
  }
}
