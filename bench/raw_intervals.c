/*
 * raw_intervals: the floor for the interval engine, the minimal derivation in plain C.
 *
 *   raw_intervals FILE [RUNS]
 *
 * FILE is what `interval-bench write` wrote (format in bench/Sources/interval-bench/
 * ReadsFile.swift): the same fleet's register reads the engine benchmark derives from. For
 * every series it interpolates the register linearly in time at each interval boundary of
 * the day (one forward walk over the sorted reads) and takes an interval's energy as the
 * difference of its two boundaries times the CT/PT multiplier. A boundary outside the reads
 * leaves the interval missing (NaN). No validation, no estimation, no flags, no allocation:
 * what is left of `IntervalEngine` when everything a utility needs on top is taken away.
 *
 * One untimed warm-up pass, then RUNS timed passes over all series (default 7); it prints one
 * `key=value` line like `interval-bench run`: median, min and max seconds a pass, intervals a
 * second, missing intervals and the energy of the day (to compare with the engine's).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    double time;  /* Unix seconds */
    double value; /* register, Wh before the multiplier */
} reading;

typedef struct {
    int32_t count;
    double multiplier;
    reading *reads;
} series;

static int64_t day_start;
static int32_t interval_seconds, slots, series_count;
static series *fleet;

static void die(const char *path, const char *what) {
    fprintf(stderr, "raw_intervals: %s: %s\n", path, what);
    exit(1);
}

static void read_exact(FILE *f, void *into, size_t bytes, const char *path) {
    if (fread(into, 1, bytes, f) != bytes) die(path, "truncated file");
}

static void load(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) die(path, "cannot open");
    char magic[8];
    int32_t reserved;
    read_exact(f, magic, 8, path);
    if (memcmp(magic, "IVREADS1", 8) != 0) die(path, "not an interval-bench reads file");
    read_exact(f, &day_start, 8, path);
    read_exact(f, &interval_seconds, 4, path);
    read_exact(f, &slots, 4, path);
    read_exact(f, &series_count, 4, path);
    read_exact(f, &reserved, 4, path);
    if (interval_seconds <= 0 || slots <= 0 || series_count <= 0) die(path, "bad header");
    fleet = calloc((size_t)series_count, sizeof *fleet);
    for (int32_t s = 0; s < series_count; s++) {
        read_exact(f, &fleet[s].count, 4, path);
        read_exact(f, &reserved, 4, path);
        read_exact(f, &fleet[s].multiplier, 8, path);
        if (fleet[s].count < 0) die(path, "bad read count");
        fleet[s].reads = malloc(sizeof(reading) * (size_t)(fleet[s].count ? fleet[s].count : 1));
        read_exact(f, fleet[s].reads, sizeof(reading) * (size_t)fleet[s].count, path);
    }
    fclose(f);
}

/* The day's interval energies of one series into out[0..slots). */
static void derive(const series *s, double *out) {
    const reading *r = s->reads;
    int32_t n = s->count, j = 0;
    double previous = NAN;
    for (int32_t k = 0; k <= slots; k++) {
        double boundary = (double)day_start + (double)k * interval_seconds, value = NAN;
        while (j + 1 < n && r[j + 1].time <= boundary) j++;
        if (n > 0 && r[j].time == boundary) {
            value = r[j].value;
        } else if (j + 1 < n && r[j].time < boundary) {
            value = r[j].value + (r[j + 1].value - r[j].value) * (boundary - r[j].time) / (r[j + 1].time - r[j].time);
        }
        if (k > 0) out[k - 1] = (value - previous) * s->multiplier;
        previous = value;
    }
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: raw_intervals FILE [RUNS]\n");
        return 2;
    }
    int runs = argc == 3 ? atoi(argv[2]) : 7;
    if (runs <= 0) {
        fprintf(stderr, "usage: raw_intervals FILE [RUNS]\n");
        return 2;
    }
    load(argv[1]);
    size_t total = (size_t)series_count * (size_t)slots;
    double *energies = malloc(sizeof(double) * total);
    double *seconds = malloc(sizeof(double) * (size_t)runs);
    for (int32_t s = 0; s < series_count; s++) derive(&fleet[s], energies + (size_t)s * slots);
    for (int run = 0; run < runs; run++) {
        double start = now();
        for (int32_t s = 0; s < series_count; s++) derive(&fleet[s], energies + (size_t)s * slots);
        seconds[run] = now() - start;
    }
    long missing = 0;
    double energy = 0;
    for (size_t i = 0; i < total; i++) {
        if (isnan(energies[i])) missing++;
        else energy += energies[i];
    }
    qsort(seconds, (size_t)runs, sizeof *seconds, by_value);
    double median = runs % 2 ? seconds[runs / 2] : (seconds[runs / 2 - 1] + seconds[runs / 2]) / 2;
    printf("series=%d intervals=%zu runs=%d median_s=%.6f min_s=%.6f max_s=%.6f intervals_per_s=%.0f missing=%ld energy_wh=%.3f\n",
           series_count, total, runs, median, seconds[0], seconds[runs - 1], (double)total / median, missing, energy);
    return 0;
}
