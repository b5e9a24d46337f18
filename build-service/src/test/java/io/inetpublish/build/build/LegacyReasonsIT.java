package io.inetpublish.build.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import io.inetpublish.build.BuildServiceIntegrationTest;
import io.inetpublish.common.i18n.Messages;
import io.inetpublish.common.test.LegacyTexts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * V35_1: a build's and a bundle's reasons stored before as English sentences become codes where the sentence is
 * known (with every reason it quotes): read in English they are the sentence as it was, read in Chinese they are
 * Chinese; any other text is left as it is (shown as stored).
 */
@BuildServiceIntegrationTest
class LegacyReasonsIT {

    static final List<String> KNOWN = List.of(
            "Cancelled in the Jenkins queue before it started",
            "Jenkins: CUSTOM_RESULT",
            "Jenkins forgot queue item 42 and no build of job ops/package carries that queue id",
            "Jenkins never confirmed the trigger and no build with these parameters appeared in ops/package; "
                    + "check Jenkins before triggering again",
            "Jenkins did not answer the trigger; looking for the build in ops/package",
            "Gave up after 3 failed attempts to reach the build in Jenkins (last answer 2026-12-01T10:00:00Z): "
                    + "Jenkins is not reachable right now (connection refused); please try again shortly",
            "Gave up after 5 failed attempts to reach the build in Jenkins: Jenkins no longer has build ops/package #12",
            "Gave up after 3 failed attempts to reach the build in Jenkins: the build ran on the Jenkins at "
                    + "http://old:8080/jenkins, which is no longer the configured Jenkins (http://new:8080/jenkins)",
            "Jenkins: SUCCESS; checksum mismatch for dist/a.tar.gz: Jenkins' fingerprint (MD5) is "
                    + "0123456789abcdef0123456789abcdef, the received file's is fedcba9876543210fedcba9876543210",
            "Jenkins: UNSTABLE; gave up copying the package after 5 attempts since 2026-12-01T10:00:00Z: "
                    + "the bundle store failed: IOException: No space left on device",
            "attempt 2 failed: copying dist/a.tar.gz was cut off: EOFException: Premature EOF",
            "attempt 1 failed: Jenkins is not reachable: Too many calls to Jenkins at once; please try again shortly",
            "attempt 3 failed: received 10 bytes of dist/a.tar.gz where Jenkins announced 20",
            "removed by the retention setting (PT720H after it was stored on 2026-11-01T10:00:00Z)",
            "Jenkins no longer has dist/a.tar.gz (404)");

    @Autowired
    DataSource dataSource;

    @Autowired
    Messages messages;

    @Test
    void knownSentencesBecomeCodesThatReadAsTheSentenceInEnglishAndAsChineseInChinese() throws Exception {
        try (LegacyTexts legacy = new LegacyTexts(dataSource, "db/migration/V35_1__build_reasons_as_codes.sql",
                "pg_temp.reason_of")) {
            legacy.assertMappedAndReadAsBefore(KNOWN, messages, "Jenkins is", "failed", "attempts", "the ");
            assertThat(legacy.of("Jenkins: SUCCESS; checksum mismatch for dist/a.tar.gz: Jenkins' fingerprint (MD5) "
                    + "is 0123, the received file's is 3210").render(messages, Locale.SIMPLIFIED_CHINESE))
                    .isEqualTo("Jenkins：SUCCESS；dist/a.tar.gz 校验和不一致：Jenkins 的指纹（MD5）是 0123，收到的文件是 3210");
        }
    }

    @Test
    void aSentenceQuotingAnUnknownTextOrAnyOtherTextIsLeftAsItIs() throws Exception {
        try (LegacyTexts legacy = new LegacyTexts(dataSource, "db/migration/V35_1__build_reasons_as_codes.sql",
                "pg_temp.reason_of")) {
            assertThat(legacy.of("Gave up after 3 failed attempts to reach the build in Jenkins: something else"))
                    .isNull();
            assertThat(legacy.of("attempt 1 failed: ")).isNull();
            assertThat(legacy.of("a reason typed by hand")).isNull();
            assertThat(legacy.of(null)).isNull();
        }
    }
}
