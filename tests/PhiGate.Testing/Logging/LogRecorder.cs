using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PhiGate.Testing.Logging;

/// <summary>
/// Records every log event of a host under test, so a test can fail on an unexpected error and can
/// search the rendered text for values that must never be logged.
/// </summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<RecordedLog> _events = new();
    private readonly ConcurrentBag<Func<RecordedLog, bool>> _expectedErrors = [];

    public IReadOnlyCollection<RecordedLog> Events => _events;

    /// <summary>Marks errors matching <paramref name="match"/> as part of the test's plan.</summary>
    public void ExpectError(Func<RecordedLog, bool> match) => _expectedErrors.Add(match);

    /// <summary>Errors (and worse) that no test declared as expected.</summary>
    public IReadOnlyList<RecordedLog> UnexpectedErrors() =>
        _events.Where(e => e.Level >= LogLevel.Error && !_expectedErrors.Any(m => m(e))).ToList();

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _events);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<RecordedLog> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            events.Enqueue(new RecordedLog(category, logLevel, eventId, formatter(state, exception), exception,
                properties.ToDictionary(p => p.Key, p => p.Value)));
        }
    }
}

/// <summary>One log event as the host wrote it.</summary>
public sealed record RecordedLog(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception, IReadOnlyDictionary<string, object?> Properties);
