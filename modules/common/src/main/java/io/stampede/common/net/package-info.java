/** Network addresses of the stamp's roles (each role listens on its own loopback address). */
package io.stampede.common.net;
