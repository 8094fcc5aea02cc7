# Stand-in for the 2.4 shell's `trace` command, whose Java side (SpanReceiverHost) is gone from
# HBase 2.6: without it the 2.4.17 shell fails to load at all against a 2.6 classpath.
# scripts/hbase-shell puts this folder first on the shell's load path (-Dhbase.ruby.sources).
module Shell
  module Commands
    class Trace < Command
      def help
        'Not available: HTrace tracing was removed in HBase 2.6 (use OpenTelemetry instead).'
      end

      def command(*_args)
        puts help
      end
    end
  end
end
