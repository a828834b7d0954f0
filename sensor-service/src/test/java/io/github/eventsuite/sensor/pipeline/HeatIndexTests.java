package io.github.eventsuite.sensor.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Expected values: NOAA's heat index chart (whole °F) and NOAA's equations page. */
class HeatIndexTests {

	@Test
	void matchesTheNoaaChartInTheRothfuszRange() {
		assertThat(HeatIndex.fahrenheit(90, 70)).isCloseTo(106, within(0.5));
		assertThat(HeatIndex.fahrenheit(100, 40)).isCloseTo(109, within(0.5));
		assertThat(HeatIndex.fahrenheit(90, 50)).isCloseTo(95, within(0.5));
		assertThat(HeatIndex.fahrenheit(86, 90)).isCloseTo(105, within(0.5));
	}

	@Test
	void usesTheSimpleFormulaBelow80Fahrenheit() {
		assertThat(HeatIndex.fahrenheit(70, 50)).isCloseTo(69.05, within(1e-9));
	}

	@Test
	void subtractsNoaasDryAirAdjustment() {
		double unadjusted = -42.379 + 2.04901523 * 100 + 10.14333127 * 10 - 0.22475541 * 100 * 10
				- 0.00683783 * 100 * 100 - 0.05481717 * 10 * 10 + 0.00122874 * 100 * 100 * 10
				+ 0.00085282 * 100 * 10 * 10 - 0.00000199 * 100 * 100 * 10 * 10;

		assertThat(HeatIndex.fahrenheit(100, 10)).isCloseTo(unadjusted - (3.0 / 4) * Math.sqrt(12.0 / 17), within(1e-9));
	}

	@Test
	void convertsCelsiusInAndOut() {
		// 30 °C = 86 °F; at 70 % the index is 95.07 °F = 35.04 °C
		assertThat(HeatIndex.celsius(30, 70)).isCloseTo(35.04, within(0.01));
		// 20 °C = 68 °F: below 80 °F, so the simple formula: 66.85 °F = 19.36 °C
		assertThat(HeatIndex.celsius(20, 50)).isCloseTo(19.36, within(0.01));
	}

}
