"""Planning from the backlog: which idea goes to which open slot (`cmcal fill`)."""
