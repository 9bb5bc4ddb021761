/** The annotations users put on their service interfaces; no dependencies, CLASS retention. */
module dev.fanout.annotation {
  exports dev.fanout.annotation;
}
