/*
 * raw_billing: the floor for billing documents, the same JSON text printed by snprintf.
 *
 *   raw_billing N [--print K]
 *
 * Derives the values of N documents exactly as bench/Sources/billing-bench/SampleCycles.swift
 * does (integer arithmetic, the same double operations in the same order), then, timed, prints
 * each document as BatchJSON.billingDocument sends it into one reused buffer: the wrapper
 * (idempotency key, gateway, meter, cycle, version, supersedes, tariff, computed_at) and the
 * determinants with sorted keys. Numbers are the shortest text that reads back as the same
 * double (%.15g, else %.16g, else %.17g), as Swift prints them; instants are ISO 8601 UTC
 * from gmtime_r. No escaping: every string here is plain ASCII (the Swift side checks).
 *
 * Prints one key=value line: docs, bytes (of all documents), rate (documents/s). With
 * --print K it prints the first K documents instead, one per line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BANDS 4
#define INTERVALS (31 * 96)
static const char *band_names[BANDS] = {"peak", "shoulder", "day", "night"};
static const long cycle_start = 1765000800L, cycle_end = 1767679200L;

typedef struct {
    int version, has_peak[BANDS], has_max, estimated, missing;
    char meter[16];
    double energy[BANDS], total, peak_w[BANDS], max_w, load_factor, block[3], start_wh, end_wh;
    long peak_at[BANDS], max_at, estimated_at[3];
} cycle;

static void derive(int i, cycle *c) {
    memset(c, 0, sizeof *c);
    c->version = 1 + i % 2;
    snprintf(c->meter, sizeof c->meter, "m%05d", i);
    c->total = 0;
    for (int b = 0; b < BANDS; b++) {
        c->energy[b] = (double)(1000 + (i * 37 + b * 101) % 5000) * 10 + (double)b * 0.25;
        c->total += c->energy[b];
    }
    c->max_w = -1;
    for (int b = 0; b < BANDS; b++) {
        c->has_peak[b] = !(b == 3 && i % 5 == 0);
        if (!c->has_peak[b]) continue;
        c->peak_w[b] = (double)(2000 + (i * 13 + b * 577) % 30000);
        c->peak_at[b] = cycle_start + (long)((i + b * 211) % INTERVALS) * 900;
        if (c->peak_w[b] > c->max_w) { c->max_w = c->peak_w[b]; c->max_at = c->peak_at[b]; c->has_max = 1; }
    }
    if (c->has_max) c->load_factor = c->total / (c->max_w * (31.0 * 24));
    double t = c->total;
    c->block[0] = t < 100000 ? t : 100000;
    double b2 = t - 100000 > 0 ? t - 100000 : 0;
    c->block[1] = b2 < 200000 ? b2 : 200000;
    c->block[2] = t - 300000 > 0 ? t - 300000 : 0;
    c->estimated = i % 4;
    c->missing = i % 3;
    for (int k = 0; k < c->estimated; k++) c->estimated_at[k] = cycle_start + (long)((k * 97 + i) % INTERVALS) * 900;
    c->start_wh = 965000000 + (double)i * 1000 + 0.5;
    c->end_wh = c->start_wh + c->total;
}

/* The shortest %g text that reads back as v: what Swift's description gives. */
static int num(char *out, size_t room, double v) {
    int n = 0;
    for (int digits = 15; digits <= 17; digits++) {
        n = snprintf(out, room, "%.*g", digits, v);
        if (strtod(out, NULL) == v) break;
    }
    return n;
}

static int iso(char *out, size_t room, long unix_seconds) {
    time_t t = unix_seconds;
    struct tm tm;
    gmtime_r(&t, &tm);
    return snprintf(out, room, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                    tm.tm_sec);
}

/* Appends with snprintf to buf at *len. */
#define PUT(...) (*len += snprintf(buf + *len, room - *len, __VA_ARGS__))
#define NUM(v) (*len += num(buf + *len, room - *len, (v)))
#define ISO(t) (*len += iso(buf + *len, room - *len, (t)))

static void document(const cycle *c, char *buf, size_t room, int *len) {
    *len = 0;
    PUT("{\"idempotency_key\":\"gw-bench/%s/", c->meter); ISO(cycle_start); PUT("/v%d\",\"gateway\":\"gw-bench\",\"meter\":\"%s\",\"cycle_start\":\"", c->version, c->meter);
    ISO(cycle_start); PUT("\",\"cycle_end\":\""); ISO(cycle_end); PUT("\",\"version\":%d,\"supersedes_version\":", c->version);
    if (c->version > 1) PUT("%d", c->version - 1); else PUT("null");
    PUT(",\"tariff\":\"four-band-tou\",\"computed_at\":\""); ISO(cycle_end + 3607); PUT("\",\"determinants\":");
    PUT("{\"cycle_end\":\""); ISO(cycle_end); PUT("\",\"cycle_first_day\":\"2025-12-06\",\"cycle_last_day\":\"2026-01-05\",\"cycle_start\":\"");
    ISO(cycle_start); PUT("\",\"demand_method\":\"block\",\"demand_window_minutes\":30,\"end_read\":{\"read_at\":\""); ISO(cycle_end + 7);
    PUT("\",\"value_wh\":"); NUM(c->end_wh); PUT("},\"energy_by_band\":[");
    for (int b = 0; b < BANDS; b++) { PUT("%s{\"band\":\"%s\",\"energy_wh\":", b ? "," : "", band_names[b]); NUM(c->energy[b]); PUT("}"); }
    PUT("],\"energy_by_block\":[{\"block\":1,\"energy_wh\":"); NUM(c->block[0]);
    PUT(",\"from_wh\":0,\"to_wh\":100000},{\"block\":2,\"energy_wh\":"); NUM(c->block[1]);
    PUT(",\"from_wh\":100000,\"to_wh\":300000},{\"block\":3,\"energy_wh\":"); NUM(c->block[2]);
    PUT(",\"from_wh\":300000}],\"estimated_interval_starts\":[");
    for (int k = 0; k < c->estimated; k++) { PUT(k ? ",\"" : "\""); ISO(c->estimated_at[k]); PUT("\""); }
    PUT("],\"interval_seconds\":900,\"intervals_estimated\":%d,\"intervals_expected\":%d,\"intervals_missing\":%d,\"intervals_present\":%d",
        c->estimated, INTERVALS, c->missing, INTERVALS - c->missing);
    if (c->has_max) {
        PUT(",\"load_factor\":"); NUM(c->load_factor);
        PUT(",\"max_demand\":{\"demand_w\":"); NUM(c->max_w); PUT(",\"window_start\":\""); ISO(c->max_at); PUT("\"}");
    }
    PUT(",\"max_demand_by_band\":[");
    for (int b = 0; b < BANDS; b++) {
        PUT("%s{\"band\":\"%s\"", b ? "," : "", band_names[b]);
        if (c->has_peak[b]) { PUT(",\"peak\":{\"demand_w\":"); NUM(c->peak_w[b]); PUT(",\"window_start\":\""); ISO(c->peak_at[b]); PUT("\"}"); }
        PUT("}");
    }
    PUT("],\"meter_id\":\"%s\",\"start_read\":{\"read_at\":\"", c->meter); ISO(cycle_start + 7); PUT("\",\"value_wh\":"); NUM(c->start_wh);
    PUT("},\"tariff_id\":\"four-band-tou\",\"total_energy_wh\":"); NUM(c->total); PUT(",\"version\":%d}}", c->version);
}

int main(int argc, char **argv) {
    if (argc < 2 || atoi(argv[1]) <= 0) { fprintf(stderr, "usage: raw_billing N [--print K]\n"); return 2; }
    int n = atoi(argv[1]);
    cycle *cycles = malloc(sizeof(cycle) * n);
    for (int i = 0; i < n; i++) derive(i, &cycles[i]);
    char buf[8192];
    int len;
    if (argc >= 4 && strcmp(argv[2], "--print") == 0) {
        int shown = atoi(argv[3]);
        for (int i = 0; i < n && i < shown; i++) { document(&cycles[i], buf, sizeof buf, &len); printf("%s\n", buf); }
        return 0;
    }
    long bytes = 0;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < n; i++) { document(&cycles[i], buf, sizeof buf, &len); bytes += len; }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double seconds = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
    printf("docs=%d bytes=%ld rate=%.0f\n", n, bytes, n / seconds);
    free(cycles);
    return 0;
}
