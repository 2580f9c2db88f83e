namespace PhiGate.Rego.Compilation;

internal sealed partial class Compiler
{
    private static void CheckRecursion()
    {
        // Recursion is caught at evaluation time by the depth budget; a static check follows the rule graph later.
    }
}
