/** The location service's contract: the global bucket namespace above the stamps. */
package io.stampede.location.api;
