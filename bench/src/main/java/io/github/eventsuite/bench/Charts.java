package io.github.eventsuite.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Inline SVG charts: no scripts, no libraries, the page opens anywhere. */
final class Charts {

	private static final int WIDTH = 900;

	private static final int HEIGHT = 320;

	private static final int MARGIN = 50;

	private static final String[] COLOURS = { "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
			"#e377c2", "#17becf", "#bcbd22", "#7f7f7f" };

	private Charts() {
	}

	/** p50 and p99 against the fixed rates, one line per run name and percentile. */
	static String latencyByRate(List<LoadResult> runs) {
		Map<String, List<LoadResult>> byName = runs.stream().filter((run) -> run.targetRate() > 0)
			.collect(Collectors.groupingBy(LoadResult::name, TreeMap::new, Collectors.toList()));
		List<Integer> rates = runs.stream().map(LoadResult::targetRate).filter((rate) -> rate > 0).distinct().sorted()
			.toList();
		if (rates.isEmpty()) {
			return "<p>no fixed-rate runs</p>";
		}
		double max = runs.stream().filter((run) -> run.targetRate() > 0)
			.mapToDouble((run) -> run.percentileMillis(99)).filter((v) -> !Double.isNaN(v)).max().orElse(1);
		StringBuilder svg = open();
		int colour = 0;
		for (var entry : byName.entrySet()) {
			for (double percentile : new double[] { 50, 99 }) {
				String points = entry.getValue().stream().filter((run) -> !Double.isNaN(run.percentileMillis(percentile)))
					.map((run) -> x(rates.indexOf(run.targetRate()), rates.size()) + "," + yLog(run.percentileMillis(percentile), max))
					.collect(Collectors.joining(" "));
				String stroke = COLOURS[colour % COLOURS.length];
				svg.append("<polyline fill='none' stroke='").append(stroke).append("' stroke-width='2'")
					.append(percentile == 50 ? " stroke-dasharray='6,4'" : "").append(" points='").append(points).append("'/>");
				// A marker per point: a run with one rate is a single point, which a line does not show.
				for (String point : points.split(" ")) {
					if (!point.isEmpty()) {
						String[] xy = point.split(",");
						svg.append("<circle cx='").append(xy[0]).append("' cy='").append(xy[1]).append("' r='4' fill='")
							.append(stroke).append("'/>");
					}
				}
				svg.append("<text x='").append(WIDTH - 260).append("' y='").append(20 + 16 * colour).append("' fill='")
					.append(stroke).append("'>").append(entry.getKey()).append(" p").append((int) percentile).append("</text>");
				colour++;
			}
		}
		for (int i = 0; i < rates.size(); i++) {
			svg.append("<text x='").append(x(i, rates.size()) - 15).append("' y='").append(HEIGHT - 20).append("'>")
				.append(rates.get(i)).append("/s</text>");
		}
		for (double tick = 1; tick <= max * 10; tick *= 10) {
			svg.append("<text x='5' y='").append(yLog(tick, max)).append("'>").append(format(tick)).append("</text>");
		}
		return svg.append("</svg>").toString();
	}

	/** One bar per run: successes per second, on a log scale (Kafka alone is a hundred times the rest). */
	static String throughput(List<LoadResult> runs) {
		double max = Math.log10(Math.max(10, runs.stream().mapToDouble(LoadResult::throughput).max().orElse(10)));
		StringBuilder svg = open();
		int bar = (WIDTH - 2 * MARGIN) / Math.max(1, runs.size());
		for (int i = 0; i < runs.size(); i++) {
			LoadResult run = runs.get(i);
			int height = (int) ((HEIGHT - 2 * MARGIN) * Math.log10(Math.max(1, run.throughput())) / max);
			int x = MARGIN + i * bar;
			svg.append("<rect x='").append(x + 4).append("' y='").append(HEIGHT - MARGIN - height).append("' width='")
				.append(bar - 8).append("' height='").append(height).append("' fill='")
				.append(COLOURS[i % COLOURS.length]).append("'/>");
			svg.append("<text x='").append(x + 4).append("' y='").append(HEIGHT - MARGIN - height - 4)
				.append("' font-size='11'>").append(format(run.throughput())).append("</text>");
			svg.append("<text x='").append(x + 4).append("' y='").append(HEIGHT - MARGIN + 14).append("' font-size='10'>")
				.append(run.name()).append("</text>");
			svg.append("<text x='").append(x + 4).append("' y='").append(HEIGHT - MARGIN + 28).append("' font-size='10'>")
				.append(run.targetRate() == 0 ? "max" : run.targetRate() + "/s").append("</text>");
		}
		return svg.append("</svg>").toString();
	}

	private static StringBuilder open() {
		return new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' width='").append(WIDTH).append("' height='")
			.append(HEIGHT).append("' font-family='sans-serif' font-size='12'><rect width='100%' height='100%' fill='white' stroke='#ccc'/>");
	}

	private static int x(int index, int count) {
		return MARGIN + (count == 1 ? (WIDTH - 2 * MARGIN) / 2 : index * (WIDTH - 2 * MARGIN) / (count - 1));
	}

	/** Log scale from 0.1 ms to ten times the largest value. */
	private static int yLog(double value, double max) {
		double low = Math.log10(0.1);
		double high = Math.log10(Math.max(max * 10, 1));
		double fraction = (Math.log10(Math.max(value, 0.1)) - low) / (high - low);
		return (int) (HEIGHT - MARGIN - fraction * (HEIGHT - 2 * MARGIN));
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, value >= 10 ? "%.0f" : "%.1f", value);
	}

}
