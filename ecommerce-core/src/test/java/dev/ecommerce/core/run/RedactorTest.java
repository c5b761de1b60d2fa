package dev.ecommerce.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void masksEverySecretIncludingInCauses() {
        Redactor redactor = Redactor.of(List.of("not-a-real-secret", "not-a-real-secret-longer", "x"));
        assertThat(redactor.redact("key not-a-real-secret-longer and not-a-real-secret, x stays"))
                .isEqualTo("key ****** and ******, x stays");
        Throwable chain = redactor.redact(
                new IllegalStateException("outer not-a-real-secret", new RuntimeException("inner not-a-real-secret")));
        assertThat(chain.getMessage()).isEqualTo("java.lang.IllegalStateException: outer ******");
        assertThat(chain.getCause().getMessage()).isEqualTo("java.lang.RuntimeException: inner ******");
        assertThat(chain.getStackTrace()).isNotEmpty();
        assertThat(redactor.redact((Throwable) null)).isNull();
    }
}
