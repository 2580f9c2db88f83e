namespace PhiGate.Host.Hosting;

/// <summary>Which listener a connection arrived on; admin paths answer only on the admin listener.</summary>
internal enum ListenerKind
{
    Grpc,
    Admin,
}
