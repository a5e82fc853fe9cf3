/**
 * The location service (WAS section 2): the global bucket namespace above the stamps, mapping
 * each bucket to the stamp that holds it.
 */
package io.stampede.location.service;
