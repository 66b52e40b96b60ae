package org.postroom.web.console;

import org.postroom.service.DashboardService;
import org.postroom.service.QueueService;
import org.postroom.service.RelayTestService;
import org.postroom.service.SettingsService;
import org.postroom.service.StatsService;
import org.postroom.service.TraceService;

/**
 * The operations engineer's services, one field of {@link ConsoleServices}: the queue, the smarthost test, the trace,
 * the statistics, the settings and the dashboard.
 */
public record OpsServices(QueueService queue, RelayTestService relayTest, TraceService trace, StatsService stats, SettingsService settings,
        DashboardService dashboard) {}
