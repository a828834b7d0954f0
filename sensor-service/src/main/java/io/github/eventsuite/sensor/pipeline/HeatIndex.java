package io.github.eventsuite.sensor.pipeline;

/**
 * The heat index (apparent temperature) of the US National Weather Service: the Rothfusz
 * regression with NOAA's adjustments, and NOAA's simpler formula below 80 °F, exactly as
 * given at https://www.wpc.ncep.noaa.gov/html/heatindex_equation.shtml. The formulas work
 * in °F; the conversion happens at the edges.
 */
final class HeatIndex {

	private HeatIndex() {
	}

	static double celsius(double temperatureCelsius, double humidityPercent) {
		return toCelsius(fahrenheit(toFahrenheit(temperatureCelsius), humidityPercent));
	}

	static double fahrenheit(double t, double rh) {
		double simple = 0.5 * (t + 61.0 + ((t - 68.0) * 1.2) + (rh * 0.094));
		if ((simple + t) / 2 < 80) {
			return simple;
		}
		double hi = -42.379 + 2.04901523 * t + 10.14333127 * rh - 0.22475541 * t * rh - 0.00683783 * t * t
				- 0.05481717 * rh * rh + 0.00122874 * t * t * rh + 0.00085282 * t * rh * rh
				- 0.00000199 * t * t * rh * rh;
		if (rh < 13 && t >= 80 && t <= 112) {
			hi -= ((13 - rh) / 4) * Math.sqrt((17 - Math.abs(t - 95)) / 17);
		}
		else if (rh > 85 && t >= 80 && t <= 87) {
			hi += ((rh - 85) / 10) * ((87 - t) / 5);
		}
		return hi;
	}

	private static double toFahrenheit(double celsius) {
		return celsius * 9 / 5 + 32;
	}

	private static double toCelsius(double fahrenheit) {
		return (fahrenheit - 32) * 5 / 9;
	}

}
