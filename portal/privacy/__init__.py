"""Privacy over time: retention and its job, erasure on request and its holds, export of what is held, removing employers, the cookie page, and the record of processing."""
