using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using RabbitMQ.Client.Exceptions;
using StackExchange.Redis;

namespace Platform.BuildingBlocks.Errors;

public sealed class TransientFaultOptions
{
    public const string Section = "Faults";

    /// <summary>What a 503 tells the client to wait before retrying (Retry-After, whole seconds).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}

/// <summary>
/// A dependency that is briefly unreachable (PostgreSQL restarting or refusing connections, the broker, Redis, another service)
/// is a fault the client can retry: 503 with Retry-After, never 500. The request's transaction was not committed, so it wrote
/// nothing and stored no idempotent answer: the retry with the same Idempotency-Key runs. Everything else stays a 500.
/// </summary>
public sealed class TransientFaultExceptionHandler(
    IProblemDetailsService problems, IOptions<TransientFaultOptions> options, ILogger<TransientFaultExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception))
        {
            return false;
        }

        // Only the fault's kind: exception messages may name hosts and users.
        logger.LogWarning("{Method} {Path} answered 503: a dependency is unreachable ({Fault})",
            context.Request.Method, context.Request.Path, Describe(exception));
        var seconds = options.Value.RetryAfterSeconds;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = ProblemTypes.ServiceUnavailable,
                Title = Text.Common["problem.service_unavailable"],
                Detail = Text.Common.Format("problem.service_unavailable.detail", seconds),
            },
        });
    }

    /// <summary>Whether the exception, or one it wraps, says a dependency could not be reached (not that the request is wrong).</summary>
    public static bool IsTransient(Exception exception) => Chain(exception).Any(IsTransientItself);

    private static bool IsTransientItself(Exception exception) => exception switch
    {
        PostgresException postgres => IsTransientState(postgres),
        NpgsqlException npgsql => npgsql.IsTransient,
        // EF gave up retrying a transient failure (a retrying execution strategy), whatever the last one was.
        RetryLimitExceededException => true,
        RedisConnectionException or RedisTimeoutException => true,
        BrokerUnreachableException or AlreadyClosedException => true,
        RpcException { StatusCode: StatusCode.Unavailable } => true,
        _ => false,
    };

    /// <summary>
    /// Npgsql's own list (admin or crash shutdown 57P01/57P02, cannot connect now 57P03, too many connections 53300, connection
    /// failures 08xxx, serialization failures, deadlocks), plus a database that takes no connections for now (55000 at connect).
    /// </summary>
    private static bool IsTransientState(PostgresException postgres) =>
        postgres.IsTransient
        || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
        || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections
        || (postgres.SqlState == PostgresErrorCodes.ObjectNotInPrerequisiteState && postgres.InvariantSeverity == "FATAL");

    private static string Describe(Exception exception)
    {
        var fault = Chain(exception).First(IsTransientItself);
        return fault is PostgresException postgres ? $"PostgreSQL {postgres.SqlState}" : fault.GetType().Name;
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
