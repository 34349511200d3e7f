package io.gradientconnector.cfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.constructor.ConstructorException;

class CfnYamlTest {

    @Test
    void parse_shouldTurnShortFormTagsIntoLongForm_whenTemplateUsesThem() {
        Map<String, Object> root = CfnYaml.parse("""
                A: !Ref Table
                B: !GetAtt Queue.Arn
                C: !Sub "${AWS::StackName}-x"
                D: !If [Cond, !Ref X, !Ref AWS::NoValue]
                E: !Sub
                  - "${P}*"
                  - P: !Ref Prefix
                F: !GetAtt [Queue, QueueName]
                G: !Not [!Equals [!Ref P, ""]]
                H: 5
                """);

        assertEquals(Map.of("Ref", "Table"), root.get("A"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Queue", "Arn")), root.get("B"));
        assertEquals(Map.of("Fn::Sub", "${AWS::StackName}-x"), root.get("C"));
        assertEquals(Map.of("Fn::If", List.of("Cond", Map.of("Ref", "X"), Map.of("Ref", "AWS::NoValue"))), root.get("D"));
        assertEquals(Map.of("Fn::Sub", List.of("${P}*", Map.of("P", Map.of("Ref", "Prefix")))), root.get("E"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Queue", "QueueName")), root.get("F"));
        assertEquals(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "P"), "")))), root.get("G"));
        assertEquals(5, root.get("H"));
    }

    @Test
    void parse_shouldFail_whenATagIsUnknown() {
        assertThrows(ConstructorException.class, () -> CfnYaml.parse("A: !Bogus x\n"));
    }

    @Test
    void parse_shouldFail_whenTheDocumentIsNotAMapping() {
        assertThrows(IllegalArgumentException.class, () -> CfnYaml.parse("- a\n- b\n"));
    }
}
