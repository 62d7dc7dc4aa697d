// Generated from encoding-profiles/ladder.schema.json by `npm run generate` (json-schema-to-typescript). Do not edit:
// change the schema and regenerate. A test fails when this file and the schema drift apart.
// Properties with a schema default are required here: the loader (ajv, useDefaults) fills them.
/* eslint-disable */

/**
 * An ABR ladder that the project expands into MediaLive encoder settings.
 */
export interface LadderFile {
  $schema?: string;
  /**
   * letters, digits, . _ or -, at most 64 characters; must equal the file name without .json
   */
  name: string;
  description: string;
  /**
   * What the channel is provisioned (and billed) for.
   */
  inputSpecification: {
    codec: "AVC" | "HEVC" | "MPEG2";
    resolution: "SD" | "HD" | "UHD";
    maximumBitrate: "MAX_10_MBPS" | "MAX_20_MBPS" | "MAX_50_MBPS";
  };
  video: {
    codec: "AVC" | "HEVC";
    framerate: {
      numerator: number;
      denominator: number;
    };
    /**
     * closed GOP length in seconds
     */
    gopSeconds: number;
    rateControl: "QVBR" | "CBR";
    /**
     * B-frames between reference frames for every AVC rendition that sets none (default 3; 0 for BASELINE); not settable for HEVC
     */
    bFrames?: number;
    sceneChangeDetect: boolean;
  };
  /**
   * Highest bitrate first.
   *
   * @minItems 1
   * @maxItems 10
   */
  renditions: {
    /**
     * lowercase letters, digits, _ or -, at most 32 characters
     */
    name: string;
    width: number;
    height: number;
    /**
     * bits per second: the CBR rate, or the QVBR maximum
     */
    bitrate: number;
    qvbrLevel?: number;
    /**
     * AVC: BASELINE, MAIN or HIGH (default HIGH); HEVC: MAIN or MAIN_10 (default MAIN)
     */
    profile?: "BASELINE" | "MAIN" | "HIGH" | "MAIN_10";
    /**
     * the codec level, or AUTO to let MediaLive choose
     */
    level:
      | "AUTO"
      | "1"
      | "1.1"
      | "1.2"
      | "1.3"
      | "2"
      | "2.1"
      | "2.2"
      | "3"
      | "3.1"
      | "3.2"
      | "4"
      | "4.1"
      | "4.2"
      | "5"
      | "5.1"
      | "5.2"
      | "6"
      | "6.1"
      | "6.2";
    /**
     * HEVC tier (default MAIN)
     */
    tier?: "MAIN" | "HIGH";
    /**
     * B-frames for this rendition (AVC only); default video.bFrames
     */
    bFrames?: number;
  }[];
  /**
   * @minItems 1
   * @maxItems 4
   */
  audio: {
    /**
     * lowercase letters, digits, _ or -, at most 32 characters
     */
    name: string;
    codec: "AAC";
    /**
     * bits per second; the range MediaLive accepts depends on channels and sample rate
     */
    bitrate: number;
    /**
     * 1 (mono), 2 (stereo) or 6 (5.1)
     */
    channels: 1 | 2 | 6;
    sampleRate: 32000 | 44100 | 48000;
    /**
     * an ISO 639-2 code such as eng
     */
    language: string;
  }[];
  /**
   * Pass the input's embedded captions (CEA-608/708) through to every video rendition.
   */
  captions?: {
    /**
     * the caption channels announced in the HLS manifests
     *
     * @minItems 1
     * @maxItems 4
     */
    languages: {
      /**
       * CEA-608 channel (CC1 to CC4)
       */
      channel: number;
      /**
       * an ISO 639-2 code such as eng
       */
      language: string;
      /**
       * the name players show, 1 to 64 characters
       */
      description: string;
    }[];
  };
}
