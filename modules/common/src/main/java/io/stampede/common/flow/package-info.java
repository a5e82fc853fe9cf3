/**
 * Flow control inside a server: bounds on the object bytes a role holds in flight at once, so
 * that many large requests queue for memory instead of exhausting the heap.
 */
package io.stampede.common.flow;
