import { originReadTimeout } from "../../../modules/delivery";

// The origin read timeout: half a segment (at least 2 s) for plain HLS and DASH; with low-latency
// HLS, long enough for the origin to hold a blocking playlist reload for three target durations.
test.each([
  [4, undefined, 2],
  [6, undefined, 3],
  [30, undefined, 15],
  [4, 1, 13],
  [6, 2, 20],
  [2, 2, 8],
  // 3 x 20 s + 4 s would pass CloudFront's 60 s limit: capped (the loader warns).
  [20, 4, 60],
  [30, 2, 60],
])("%i s segments, parts of %p s: %i s", (segment, part, expected) => {
  expect(originReadTimeout(segment, part)).toBe(expected);
});
