using System.CommandLine;

namespace PhiGate.Commands;

/// <summary><c>phigate audit</c>: verify a trail, compute an investigator's digest, make keys.</summary>
internal static class AuditCommand
{
    public static Command Create() => new("audit", "Work with the hash-only, tamper-evident audit trail.")
    {
        AuditVerifyCommand.Create(),
        AuditHashCommand.Create(),
        AuditKeygenCommand.Create(),
    };
}
