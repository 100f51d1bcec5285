#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

let standardOutput = DescriptorOutput(descriptor: STDOUT_FILENO)
let context = CommandContext(
  environment: currentEnvironment(),
  fileSystem: SystemFileSystem(),
  output: standardOutput,
  errors: DescriptorOutput(descriptor: STDERR_FILENO),
  standardInputIsTerminal: isatty(STDIN_FILENO) == 1,
  standardOutputIsTerminal: standardOutput.isTerminal
)
exit(Sigdoc.run(Array(CommandLine.arguments.dropFirst()), context: context))
