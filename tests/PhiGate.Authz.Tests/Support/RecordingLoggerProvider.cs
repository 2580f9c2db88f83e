using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PhiGate.Authz.Tests.Support;

/// <summary>Keeps every log event so tests can assert what was (and was not) written.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<LogRecord> Records { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    public string AllText() => string.Join("\n", Records.Select(r => r.Message));

    internal sealed record LogRecord(string Category, LogLevel Level, EventId EventId, string Message);

    private sealed class Recorder(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Records.Enqueue(new LogRecord(category, logLevel, eventId, formatter(state, exception)));
    }
}
