using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// Instants arrive with any offset (a client's "+08:00"); PostgreSQL's driver writes only UTC ones to timestamptz.
/// Every DateTimeOffset of every service's model goes through this (ServiceDbContext's convention), so writes and query
/// parameters are UTC and reads come back as UTC.
/// </summary>
public sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    instant => instant.ToUniversalTime(),
    stored => stored.ToUniversalTime());
