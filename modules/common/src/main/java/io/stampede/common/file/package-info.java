/** Positional file reads shared by every role that keeps its own files: journals and extent replicas. */
package io.stampede.common.file;
