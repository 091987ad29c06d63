package com.queast.gateway.demo;

/**
 * What the demo runs.
 *
 * @param port gateway HTTP port (0 = a free one)
 * @param companies companies in the portfolio
 * @param peoplePerCompany people per company
 * @param signalsPerCompany Signals per company
 * @param linked companies the CRMs already hold with the same website (auto-linked)
 * @param reviewed companies the CRMs hold by name only (review queue)
 * @param timeoutSeconds how long the backfills may take
 * @param ansi redraw progress bars in place
 */
public record DemoOptions(
    int port,
    int companies,
    int peoplePerCompany,
    int signalsPerCompany,
    int linked,
    int reviewed,
    int timeoutSeconds,
    boolean ansi) {}
