/**
 * What every protocol door shares: listening sockets with one virtual thread per connection, connection limits
 * overall and per client address, the line reader with its length limit, TLS (including the self-signed
 * certificate of a new installation), and the throttle on failed logins. Knows no protocol.
 */
package org.postroom.net;
